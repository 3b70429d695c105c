import { describe, expect, it } from "vitest";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { dryRun: true },
);

describe("DRY_RUN=true", () => {
  it("logs the plan and writes nothing to JFrog or GitHub", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));

    expect(h.jfrog.writes()).toEqual([]);
    expect(h.github.writes()).toEqual([]);
    const plan = h.logs().find((l) => l.msg === "dry run: plan logged, nothing written");
    expect(((plan?.actions ?? []) as Array<{ kind: string }>).map((a) => a.kind)).toEqual([
      "create-mapping",
      "open-pull-request",
    ]);
  });
});
