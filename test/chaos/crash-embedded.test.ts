/**
 * Embedded mode (no REDIS_URL), the app SIGKILLed right after each distinct write of an onboarding: the queue
 * died with the process, so the next process's start-up sweep must find the half-done onboarding and finish it,
 * with no new webhook.
 */
import { describe, it } from "vitest";
import { crashAfterWrite } from "./support/crash-onboarding.js";
import { ONBOARDING_WRITES } from "./support/observe-app.js";
import { useChaosWorld } from "./support/use-chaos-world.js";

// No interval sweep during a scenario: recovery is the start-up sweep's alone.
const world = useChaosWorld({ replicas: 1, env: { SWEEP_INTERVAL: "1h" } });

describe("embedded mode: SIGKILL right after a write, restart, no new webhook", () => {
  it.each(ONBOARDING_WRITES)(
    "after the %s: one mapping, one PR, one commit, no stray branch",
    async (write) => {
      await crashAfterWrite(world, write, () => world.startReplica());
    },
  );
});
