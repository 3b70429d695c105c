/**
 * Scale-out for real: two, then three processes of the app on one Redis, every delivery reaching every replica
 * (a load balancer that duplicates, or GitHub redelivering). Against one replica's figure in the same world: each
 * repository gets one mapping, one PR and exactly one commit on its branch, GitHub admits no more than 1.1 times
 * one replica's writes per repository, and never answers with its secondary limit.
 */
import { describe, expect, it } from "vitest";
import { names, REPOSITORIES } from "./support/profile.js";
import { onboardBatch, refusedWrites } from "./support/rollout-run.js";
import { useChaosWorld } from "./support/use-chaos-world.js";

/** The one-replica figure: a few repositories onboarded before the other replicas start. */
const ALONE = 3;

// A fresh world (and Redis) for each replica count. A lock that outlasts a busy event loop: three processes share
// the test host's cores, and with 1.5 s BullMQ could not renew locks in time (jobs ran twice; harmless, but slow).
// No interval sweep: the deliveries are the scenario.
const world = useChaosWorld({
  mode: "redis",
  each: true,
  env: { REDIS_LOCK_DURATION: "5s", SWEEP_INTERVAL: "1h" },
});

describe.each([2, 3])("%i replicas on Redis receiving the same deliveries", (replicas) => {
  it(`onboard ${REPOSITORIES} repositories once each, within 1.1 × one replica's writes, never refused`, async () => {
    await world.startReplica();
    const alone = await onboardBatch(world, names("alone", ALONE), 30_000);
    expect(alone.maxWrites).toBeGreaterThan(0);

    for (let i = 1; i < replicas; i++) await world.startReplica();
    const batch = await onboardBatch(world, names("svc", REPOSITORIES), 20_000 + REPOSITORIES * 600);

    for (const [name, result] of Object.entries(batch.byRepository)) {
      expect({ name, mappings: result.mappings, openPulls: result.openPulls }).toEqual({
        name,
        mappings: 1,
        openPulls: 1,
      });
      expect({ name, commits: result.commitsOnBranch, stray: result.strayBranches }).toEqual({
        name,
        commits: 1,
        stray: [],
      });
      expect(result.contentWrites, name).toBeLessThanOrEqual(1.1 * alone.maxWrites);
    }
    expect(refusedWrites(world)).toBe(0);
    // Every replica took part: the deliveries really reached all of them.
    for (const replica of world.replicas) expect(replica.alive, replica.name).toBe(true);
  });
});
