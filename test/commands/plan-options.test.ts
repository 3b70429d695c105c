/** The planner options slash-commands thread through the one reconcile path (see PlanOptions in plan.ts). */
import { describe, expect, it } from "vitest";
import { applyRepoConfig } from "../../src/config/narrowing-guard.js";
import type { RepoFacts } from "../../src/github/repo-facts.js";
import { inApplyOrder } from "../../src/reconcile/apply.js";
import { desiredMapping } from "../../src/reconcile/desired-mapping.js";
import { type Observed, type PlanOptions, plan } from "../../src/reconcile/plan.js";
import { policy } from "../fixtures/policy.js";
import { pullRequest, repoFacts } from "../fixtures/repo-facts.js";

const org = policy();

function kinds(
  repo: RepoFacts,
  options: PlanOptions = {},
  mapping: Observed["mapping"] = desiredMapping(repo, org),
) {
  const observed = {
    repo,
    config: applyRepoConfig(org, repo.repoConfigText, "f"),
    mapping,
    jfrogUrl: "https://acme.jfrog.io",
  };
  return inApplyOrder(plan(observed, options).actions).map((a) => a.kind);
}

const declined = repoFacts({ pullRequests: [pullRequest(3, "CLOSED")] });
const withPr = repoFacts({ pullRequests: [pullRequest(4, "OPEN")] });

describe("plan options", () => {
  it("reopenDeclined opens a new PR after a decline; without it the decline stands", () => {
    expect(kinds(declined)).toEqual([]);
    expect(kinds(declined, { reopenDeclined: true })).toEqual(["open-pull-request"]);
  });

  it("optOut: record records first, then removes the mapping and closes the PR", () => {
    expect(kinds(withPr, { optOut: "record" })).toEqual([
      "record-opt-out",
      "delete-mapping",
      "close-pull-request",
    ]);
  });

  it("a recorded opt-out keeps the repository out of scope until it is cleared", () => {
    const disabled = { ...withPr, disabledByCommand: true };
    expect(kinds(disabled)).toEqual(["delete-mapping", "close-pull-request"]);
    expect(kinds(disabled, { reopenDeclined: true })).toEqual(["delete-mapping", "close-pull-request"]);
    expect(kinds(disabled, { optOut: "record" })).toEqual(["delete-mapping", "close-pull-request"]);
    expect(
      kinds({ ...declined, disabledByCommand: true }, { reopenDeclined: true, optOut: "clear" }, null),
    ).toEqual(["create-mapping", "clear-opt-out", "open-pull-request"]);
  });

  it("clearing without a recorded opt-out changes nothing", () => {
    expect(kinds(repoFacts({ workflowOnDefault: "x" }), { optOut: "clear" })).toEqual([]);
  });

  it("disable is recorded even while the repository's own config file is broken", () => {
    const broken = repoFacts({ repoConfigText: "enabled: [" });
    expect(kinds(broken, { optOut: "record" })).toEqual(["record-opt-out", "report-config-problems"]);
  });
});
