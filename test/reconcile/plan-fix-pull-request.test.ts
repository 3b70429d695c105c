// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here.
/** The fix PR's plan (pure): open, update in place, leave alone, respect a decline, close when nothing is left. */
import { describe, expect, it } from "vitest";
import { fixRepository } from "../../src/audit/fix/fix-repository.js";
import type { FixPullRequestFacts } from "../../src/github/fix-pull-request.js";
import { FIX_BRANCH, fixPlanWrites, planFixPullRequest } from "../../src/reconcile/plan-fix-pull-request.js";

const context = {
  provider: { name: "github-acme", audience: "jfrog-acme" },
  setupJfrogCli: { currentMajor: 5 },
};
const stored = (name: string) =>
  [
    "on: push",
    "jobs:",
    `  ${name}:`,
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: jfrog/setup-jfrog-cli@v5",
    "        env:",
    "          JF_ACCESS_TOKEN: ${{ secrets.JF_ACCESS_TOKEN }}",
    "",
  ].join("\n");
const fixOf = (files: Record<string, string>) => fixRepository(new Map(Object.entries(files)), context);
const base = { name: "main", oid: "a".repeat(40) };
const input = (
  files: Record<string, string>,
  pulls: FixPullRequestFacts[] = [],
  unreadable: string[] = [],
) => ({
  fullName: "acme/api",
  fix: fixOf(files),
  pulls,
  base,
  unreadable,
});

describe("the fix PR's plan", () => {
  it("opens one PR from the fix branch with the fixed files, when none was ever opened", () => {
    const plan = planFixPullRequest(input({ ".github/workflows/a.yml": stored("a") }));
    expect(plan.kind).toBe("open");
    if (plan.kind !== "open") return;
    expect(plan.spec).toMatchObject({ branch: FIX_BRANCH, base });
    expect(plan.spec.files.map((f) => f.path)).toEqual([".github/workflows/a.yml"]);
    expect(plan.spec.files[0]?.content).toContain("oidc-provider-name: github-acme");
    expect(fixPlanWrites(plan)).toBe(3);
  });

  it("leaves an open PR whose digest matches alone, and updates it in place when the fix changed", () => {
    const first = planFixPullRequest(input({ ".github/workflows/a.yml": stored("a") }));
    if (first.kind !== "open") throw new Error("expected open");
    const open: FixPullRequestFacts = { number: 7, state: "open", merged: false, body: first.spec.body };
    expect(planFixPullRequest(input({ ".github/workflows/a.yml": stored("a") }, [open]))).toEqual({
      kind: "none",
      reason: "the fix PR #7 is open and up to date",
    });
    const grown = planFixPullRequest(
      input({ ".github/workflows/a.yml": stored("a"), ".github/workflows/b.yml": stored("b") }, [open]),
    );
    expect(grown).toMatchObject({ kind: "update", number: 7 });
  });

  it("respects a PR closed unmerged, but opens a new one after a merged one", () => {
    const files = { ".github/workflows/a.yml": stored("a") };
    const closed: FixPullRequestFacts = { number: 3, state: "closed", merged: false, body: "" };
    expect(planFixPullRequest(input(files, [closed]))).toEqual({
      kind: "none",
      reason: "the fix PR #3 was closed unmerged: the repository declined it",
    });
    expect(planFixPullRequest(input(files, [{ ...closed, merged: true }])).kind).toBe("open");
  });

  it("closes the open PR once nothing is left to fix, and writes nothing when a file could not be read", () => {
    const open: FixPullRequestFacts = { number: 7, state: "open", merged: false, body: "" };
    const clean = {
      ".github/workflows/a.yml":
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n",
    };
    const plan = planFixPullRequest(input(clean, [open]));
    expect(plan).toMatchObject({ kind: "close", number: 7 });
    expect(fixPlanWrites(plan)).toBe(2);
    expect(
      planFixPullRequest(
        input({ ".github/workflows/a.yml": stored("a") }, [], [".github/workflows/big.yml"]),
      ),
    ).toEqual({
      kind: "none",
      reason: "1 workflow file(s) could not be read",
    });
  });

  it("keeps the body within GitHub's 65,536 characters however many files it fixes", () => {
    const files = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [
        `.github/workflows/w${i}.yml`,
        stored(`job_${i}_${"x".repeat(40)}`),
      ]),
    );
    const plan = planFixPullRequest(input(files));
    if (plan.kind !== "open") throw new Error("expected open");
    expect(plan.spec.files).toHaveLength(400);
    expect(plan.spec.body.length).toBeLessThanOrEqual(65_536);
    expect(plan.spec.body).toContain("the list goes on");
    expect(plan.spec.body).toMatch(/<!-- jfrog-oidc-rollout:fix-digest [0-9a-f]{64} -->$/);
  });
});
