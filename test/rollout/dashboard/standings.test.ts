import { describe, expect, it } from "vitest";
import type { PullRequestSpec } from "../../../src/github/pull-request-spec.js";
import { sameContent } from "../../../src/rollout/dashboard/dashboard-issue.js";
import { settledState, standingOf } from "../../../src/rollout/dashboard/standings.js";

// What the standings store does is in the contract (test/rollout/contract/dashboard-state.contract.ts).
describe("the rollout standings", () => {
  it("count a pending repository whose plan was applied as having its PR open", () => {
    expect(settledState({ state: "pending", actions: ["open the onboarding PR"] }, true)).toBe(
      "pull-request-open",
    );
    expect(settledState({ state: "pending", actions: ["open the onboarding PR"] }, false)).toBe("pending");
    expect(settledState({ state: "blocked", actions: [] }, true)).toBe("blocked");
  });
});

describe("a pending repository's standing", () => {
  const pr = (labels: string[]): PullRequestSpec => ({
    branch: "jfrog-oidc/onboarding",
    base: { name: "main", oid: "a".repeat(40) },
    branchOid: null,
    branchUpToDate: false,
    path: ".github/workflows/jfrog-oidc.yml",
    content: "name: JFrog\n",
    commitMessage: "Add JFrog OIDC workflow",
    title: "Add JFrog OIDC workflow",
    body: "",
    labels,
    reviewers: [],
    teamReviewers: [],
    draft: false,
  });
  const ref = { owner: "acme", name: "api", ownerId: 5, repoId: 7 };

  it("carries the writes its plan reserves (what the ETA adds up), and a settled one none", () => {
    const plan = (labels: string[]) => ({
      state: "pending" as const,
      notes: [],
      actions: [{ kind: "open-pull-request" as const, pr: pr(labels) }],
    });
    // Branch, commit, PR; one more for the labels.
    expect(standingOf(ref, plan([]), false, false).writes).toBe(3);
    expect(standingOf(ref, plan(["jfrog-oidc"]), false, false).writes).toBe(4);
    expect(standingOf(ref, plan([]), false, true)).not.toHaveProperty("writes");
  });
});

describe("whether a dashboard body changed", () => {
  it("ignores the 'Updated' footer alone, nothing else", () => {
    const body = (rows: string, at: string) => `marker\n${rows}\n\n---\n_Updated ${at} by the app; edits…_`;
    expect(sameContent(body("| a | 1 |", "10:00"), body("| a | 1 |", "10:05"))).toBe(true);
    expect(sameContent(body("| a | 1 |", "10:00"), body("| a | 2 |", "10:00"))).toBe(false);
  });
});
