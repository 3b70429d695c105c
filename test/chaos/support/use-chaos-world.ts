/**
 * The chaos suite's usual set-up: one world for the test file (its own redis-server in Redis mode), started before
 * the first test with `replicas` replicas already running, closed after the last. The returned world is read
 * lazily: use it from a test or a later hook. `each: true` starts a fresh world for every test instead.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type ChaosWorld, type ChaosWorldOptions, startChaosWorld } from "./chaos-world.js";

export function useChaosWorld(
  options: ChaosWorldOptions & { replicas?: number; each?: boolean } = {},
): ChaosWorld {
  const { replicas = 0, each = false, ...worldOptions } = options;
  let world: ChaosWorld | undefined;
  (each ? beforeEach : beforeAll)(async () => {
    world = await startChaosWorld(worldOptions);
    for (let i = 0; i < replicas; i++) await world.startReplica();
  });
  (each ? afterEach : afterAll)(async () => {
    await world?.close();
    world = undefined;
  });

  const started = (): ChaosWorld => {
    if (!world) throw new Error("useChaosWorld(): the world starts in a hook; read it from a test");
    return world;
  };
  // Every member of the world is read from the one started for the current test.
  return new Proxy({} as ChaosWorld, { get: (_, key) => Reflect.get(started(), key) });
}
