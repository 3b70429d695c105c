/**
 * The writes a plan reserves are the writes apply makes: the e2e suites run the real apply path on the GitHub
 * emulator (every write there goes through the ledger); here, the arithmetic per action.
 */
import { describe, expect, it } from "vitest";
import type { PullRequestSpec } from "../../src/github/pull-request-spec.js";
import type { Plan } from "../../src/reconcile/plan.js";
import { countWrites } from "../../src/rollout/count-writes.js";

const pr = (over: Partial<PullRequestSpec> = {}): PullRequestSpec => ({
  branch: "jfrog-oidc/onboarding",
  base: { name: "main", oid: "a".repeat(40) },
  branchOid: null,
  branchUpToDate: false,
  path: ".github/workflows/jfrog-oidc.yml",
  content: "name: JFrog\n",
  commitMessage: "Add JFrog OIDC workflow",
  title: "Add JFrog OIDC workflow",
  body: "",
  labels: [],
  reviewers: [],
  teamReviewers: [],
  draft: false,
  ...over,
});

const planOf = (actions: Plan["actions"]): Plan => ({
  repository: "acme/x",
  state: "pending",
  inScope: true,
  notes: [],
  actions,
});

describe("countWrites", () => {
  it.each([
    ["a new PR: branch, commit, PR", [{ kind: "open-pull-request", pr: pr() }], 3],
    [
      "with labels and reviewers",
      [{ kind: "open-pull-request", pr: pr({ labels: ["a"], reviewers: ["mona"] }) }],
      5,
    ],
    [
      "on a branch already up to date",
      [{ kind: "open-pull-request", pr: pr({ branchOid: "b".repeat(40), branchUpToDate: true }) }],
      1,
    ],
    [
      "a mapping alone: no GitHub write",
      [{ kind: "create-mapping", mapping: { name: "gh-o5-r7", claims: {}, token_spec: {} } }],
      0,
    ],
    [
      "closing a PR: comment and close",
      [{ kind: "close-pull-request", number: 1, reason: "x", mappingRemoved: true }],
      2,
    ],
  ] as Array<[string, Plan["actions"], number]>)("%s", (_name, actions, writes) => {
    expect(countWrites(planOf(actions), true)).toBe(writes);
  });

  it("counts a config check run only where there is a commit to put it on", () => {
    const plan = planOf([{ kind: "report-config-problems", severity: "invalid", problems: [] }]);
    expect(countWrites(plan, true)).toBe(1);
    expect(countWrites(plan, false)).toBe(0);
  });
});
