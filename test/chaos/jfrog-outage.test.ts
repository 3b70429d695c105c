/**
 * JFrog answers 503 for longer than any retry: every job gives up (recorded, on the dashboard). Once JFrog is back,
 * the sweep picks every repository up again and each finishes, onboarded once.
 */
import { describe, expect, it } from "vitest";
import { until } from "../support/until.js";
import { logTail } from "./support/app-process.js";
import { names } from "./support/profile.js";
import { useChaosWorld } from "./support/use-chaos-world.js";

const REPOSITORIES = names("outage", 4);
// Three attempts a job (JOB_RETRY_DELAYS has two delays), a sweep every 3 s.
const world = useChaosWorld({ env: { SWEEP_INTERVAL: "3s" } });

describe("JFrog down for longer than any retry budget, then back", () => {
  it("every repository finishes once JFrog recovers", async () => {
    const replica = await world.startReplica();
    const outage = world.jfrog.faults.add({ status: 503 });
    for (const name of REPOSITORIES) world.createRepository(name);
    await until(
      "every repository's job was given up",
      () =>
        REPOSITORIES.every((name) =>
          replica.logs.some(
            (l) => l.repository === `acme/${name}` && l.msg.startsWith("job failed and is given up"),
          ),
        ),
      60_000,
    );
    expect(REPOSITORIES.map((name) => world.onboarding(name).openPulls)).toEqual([0, 0, 0, 0]);

    outage.remove();
    await until(
      "every repository is onboarded after JFrog recovered",
      () => REPOSITORIES.every((name) => world.onboarding(name).openPulls === 1),
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${logTail(replica)}`);
    });
    for (const name of REPOSITORIES)
      expect(world.onboarding(name), name).toEqual({
        mappings: 1,
        openPulls: 1,
        strayBranches: [],
        commitsOnBranch: 1,
      });
  });
});
