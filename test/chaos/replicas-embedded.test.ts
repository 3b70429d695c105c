/**
 * Two processes of the app WITHOUT Redis (each with its own queue and budget) receiving the same deliveries, as
 * happens when someone scales the embedded mode out by mistake: they race on every repository, and still each
 * onboarding branch gets exactly one commit (no replica commits on top of the other's), one PR and one mapping.
 */
import { describe, expect, it } from "vitest";
import { names, REPOSITORIES } from "./support/profile.js";
import { onboardBatch } from "./support/rollout-run.js";
import { useChaosWorld } from "./support/use-chaos-world.js";

const world = useChaosWorld({ env: { SWEEP_INTERVAL: "1h" } });

describe("two embedded replicas receiving the same deliveries", () => {
  it(`never add a second commit to an onboarding branch (${REPOSITORIES} repositories)`, async () => {
    await world.startReplica();
    await world.startReplica();
    const batch = await onboardBatch(world, names("svc", REPOSITORIES), 20_000 + REPOSITORIES * 600);
    for (const [name, result] of Object.entries(batch.byRepository))
      expect({
        name,
        commits: result.commitsOnBranch,
        mappings: result.mappings,
        openPulls: result.openPulls,
        stray: result.strayBranches,
      }).toEqual({ name, commits: 1, mappings: 1, openPulls: 1, stray: [] });
  });
});
