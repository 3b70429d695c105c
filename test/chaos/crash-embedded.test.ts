/**
 * Embedded mode (no REDIS_URL), the app SIGKILLed right after each distinct write of an onboarding: the queue
 * died with the process, so the next process's start-up sweep must find the half-done onboarding and finish it,
 * with no new webhook.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { type ChaosWorld, startChaosWorld } from "./support/chaos-world.js";
import { crashAfterWrite } from "./support/crash-onboarding.js";
import { ONBOARDING_WRITES } from "./support/observe-app.js";

let world: ChaosWorld;

beforeAll(async () => {
  // No interval sweep during a scenario: recovery is the start-up sweep's alone.
  world = await startChaosWorld({ env: { SWEEP_INTERVAL: "1h" } });
  await world.startReplica();
});

afterAll(async () => {
  await world?.close();
});

describe("embedded mode: SIGKILL right after a write, restart, no new webhook", () => {
  it.each(ONBOARDING_WRITES)(
    "after the %s: one mapping, one PR, one commit, no stray branch",
    async (write) => {
      await crashAfterWrite(world, write, () => world.startReplica());
    },
  );
});
