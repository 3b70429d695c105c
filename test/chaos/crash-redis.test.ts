/**
 * Redis mode, the app SIGKILLed right after each distinct write of an onboarding: the job is in Redis, locked by
 * the dead process; once the lock lapses (REDIS_LOCK_DURATION) the next process's worker takes it and finishes
 * the onboarding. Its start-up sweep does not help: the dead replica took the sweep's lease for the interval.
 */
import { describe, it } from "vitest";
import { crashAfterWrite } from "./support/crash-onboarding.js";
import { ONBOARDING_WRITES } from "./support/observe-app.js";
import { useChaosWorld } from "./support/use-chaos-world.js";

const world = useChaosWorld({ mode: "redis", replicas: 1, env: { SWEEP_INTERVAL: "1h" } });

describe("Redis mode: SIGKILL right after a write, restart, no new webhook", () => {
  it.each(ONBOARDING_WRITES)(
    "after the %s: one mapping, one PR, one commit, no stray branch",
    async (write) => {
      await crashAfterWrite(world, write, () => world.startReplica());
    },
  );
});
