/**
 * The preview's report, pure: totals against the base, the first rows only, and GitHub's 65,535-character limit
 * held by the row bounds themselves (not by cutting the text), even when every category is full of the longest
 * repository names and details.
 */
import { describe, expect, it } from "vitest";
import { OUTPUT_MAX_CHARS } from "../../src/github/preview-check-run.js";
import type { PullRequestSpec } from "../../src/github/pull-request-spec.js";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import type { Plan } from "../../src/reconcile/plan.js";
import { PlanTally, summarizePlan } from "../../src/reconcile/preview/plan-tally.js";
import { PREVIEW_ROWS, planReport } from "../../src/reconcile/preview/render-preview.js";

const LONG = "x".repeat(5000);

const mapping: IdentityMapping = { name: LONG, claims: {}, token_spec: { scope: LONG } };
const pr: PullRequestSpec = {
  branch: LONG,
  base: { name: LONG, oid: "a".repeat(40) },
  branchOid: null,
  branchUpToDate: false,
  path: LONG,
  content: LONG,
  commitMessage: LONG,
  title: LONG,
  body: LONG,
  labels: [],
  reviewers: [],
  teamReviewers: [],
  draft: false,
};

/**
 * A plan in every category the preview counts (not one the planner makes: the worst case for the text's size),
 * for a repository with GitHub's longest owner and name.
 */
function busyPlan(i: number, inScope: boolean): Plan {
  return {
    repository: `${"o".repeat(39)}/${String(i).padStart(100, "r")}`,
    state: "blocked",
    inScope,
    notes: [LONG],
    actions: [
      { kind: "create-mapping", mapping },
      { kind: "update-mapping", mapping, changes: [LONG, LONG] },
      { kind: "delete-mapping", name: LONG },
      { kind: "open-pull-request", pr },
      { kind: "update-pull-request", number: i, pr },
      { kind: "close-pull-request", number: i, reason: LONG, mappingRemoved: true },
    ],
  };
}

describe("planReport", () => {
  it("keeps every category's first rows under GitHub's limit, with the totals of every repository", () => {
    const tally = new PlanTally(PREVIEW_ROWS);
    for (let i = 0; i < 1000; i++)
      tally.add(busyPlan(i, i % 2 === 0), summarizePlan(busyPlan(i, i % 2 === 1)));
    const report = planReport({
      subject: "every repository of `acme`",
      repositories: tally.repositories,
      tally: tally.tally,
      hasBase: true,
      notes: [LONG],
      problems: [],
      annotations: [],
    });
    expect(report.text.length).toBeLessThanOrEqual(OUTPUT_MAX_CHARS);
    expect(report.summary.length).toBeLessThanOrEqual(OUTPUT_MAX_CHARS);
    expect(report.text).not.toContain("cut here");
    expect(report.text).toContain("### Repositories entering scope: 500 (the first 20)");
    expect(report.text).toContain("### Mappings to remove: 1000 (the first 20)");
    expect(report.summary).toContain("| Mappings to remove | 1000 | 1000 | 0 |");
    expect(report.summary).toContain("| Onboarding PRs to refresh | 1000 | 1000 | 0 |");
    expect(report.summary).toContain("| Repositories leaving scope | 500 |  |  |");
    expect(report.title).toBe(
      "1000 repositories: 500 entering scope, 500 leaving; mappings +1000 ~1000 -1000; PRs +1000 ~1000 -1000",
    );
    // Every category is full: 9 sections of 20 rows.
    expect(report.text.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(9 * PREVIEW_ROWS);
  });

  it("without a valid base policy counts everything in scope as entering, and says why", () => {
    const tally = new PlanTally(PREVIEW_ROWS);
    const plan: Plan = { repository: "acme/app", state: "pending", inScope: true, notes: [], actions: [] };
    tally.add(plan, null);
    const report = planReport({
      subject: "`acme/app`",
      repositories: 1,
      tally: tally.tally,
      hasBase: false,
      notes: [],
      problems: [],
      annotations: [],
    });
    expect(report.summary).toContain("(none is valid now, so everything counts as new)");
    expect(report.summary).toContain("| Mappings to create | 0 | - | 0 |");
    expect(report.text).toBe(
      "### Repositories entering scope: 1\n\n- `acme/app`: `no valid policy applies now`",
    );
  });
});
