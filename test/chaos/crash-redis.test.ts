/**
 * Redis mode, the app SIGKILLed right after each distinct write of an onboarding: the job is in Redis, locked by
 * the dead process; once the lock lapses (REDIS_LOCK_DURATION) the next process's worker takes it and finishes
 * the onboarding. Its start-up sweep does not help: the dead replica took the sweep's lease for the interval.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { type ChaosWorld, startChaosWorld } from "./support/chaos-world.js";
import { crashAfterWrite } from "./support/crash-onboarding.js";
import { ONBOARDING_WRITES } from "./support/observe-app.js";

let redis: RedisServer;
let world: ChaosWorld;

beforeAll(async () => {
  redis = await startRedisServer();
  world = await startChaosWorld({ redisUrl: redis.url, env: { SWEEP_INTERVAL: "1h" } });
  await world.startReplica();
});

afterAll(async () => {
  await world?.close();
  await redis?.stop();
});

describe("Redis mode: SIGKILL right after a write, restart, no new webhook", () => {
  it.each(ONBOARDING_WRITES)(
    "after the %s: one mapping, one PR, one commit, no stray branch",
    async (write) => {
      await crashAfterWrite(world, write, () => world.startReplica());
    },
  );
});
