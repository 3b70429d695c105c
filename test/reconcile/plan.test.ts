import { describe, expect, it } from "vitest";
import { applyRepoConfig } from "../../src/config/narrowing-guard.js";
import type { Policy } from "../../src/config/policy-schema.js";
import type { RepoFacts } from "../../src/github/repo-facts.js";
import { desiredMapping } from "../../src/reconcile/desired-mapping.js";
import { type Observed, plan } from "../../src/reconcile/plan.js";
import { policy } from "../fixtures/policy.js";
import { pullRequest, repoFacts } from "../fixtures/repo-facts.js";

function observed(
  repo: RepoFacts = repoFacts(),
  org: Policy = policy(),
  mapping: Observed["mapping"] = null,
): Observed {
  return {
    repo,
    config: applyRepoConfig(org, repo.repoConfigText, "acme/app:.github/jfrog-oidc.yml"),
    mapping,
    jfrogUrl: "https://acme.jfrog.io",
  };
}

const kinds = (o: Observed) => plan(o).actions.map((a) => a.kind);

describe("plan", () => {
  it("creates the mapping, then opens the PR, for a new repository", () => {
    const result = plan(observed());
    expect(result.inScope).toBe(true);
    expect(result.actions.map((a) => a.kind)).toEqual(["create-mapping", "open-pull-request"]);
    const open = result.actions[1];
    if (open?.kind !== "open-pull-request") throw new Error("expected a PR");
    expect(open.pr).toMatchObject({
      branch: "jfrog-oidc/onboarding",
      base: { name: "main" },
      branchOid: null,
      branchUpToDate: false,
      path: ".github/workflows/jfrog-oidc.yml",
      title: "Add JFrog OIDC workflow",
    });
    expect(open.pr.content).toContain("jf npm");
  });

  it("does nothing when everything is already in place", () => {
    const repo = repoFacts({ workflowOnDefault: "name: JFrog\n" });
    const org = policy();
    expect(kinds(observed(repo, org, desiredMapping(repo, org)))).toEqual([]);
  });

  it("updates a drifted mapping and says what changed", () => {
    const repo = repoFacts({ workflowOnDefault: "x" });
    const org = policy();
    const drifted = {
      ...desiredMapping(repo, org),
      priority: 1,
      claims: { ...desiredMapping(repo, org).claims, repository: "acme/old-name" },
    };
    const [action] = plan(observed(repo, org, drifted)).actions;
    expect(action).toMatchObject({
      kind: "update-mapping",
      changes: ["priority: 1 → 100", 'claims.repository: "acme/old-name" → "acme/app"'],
    });
  });

  it("waits for the first push in an empty repository, but registers the mapping now", () => {
    const result = plan(observed(repoFacts({ defaultBranch: null, rootFiles: [] })));
    expect(result.actions.map((a) => a.kind)).toEqual(["create-mapping"]);
    expect(result.notes).toEqual(["the repository is empty: the PR waits for the first push"]);
  });

  it("respects a declined PR", () => {
    const repo = repoFacts({ pullRequests: [pullRequest(3, "CLOSED")] });
    const result = plan(observed(repo));
    expect(result.actions.map((a) => a.kind)).toEqual(["create-mapping"]);
    expect(result.notes[0]).toMatch(
      /^the onboarding PR #3 was closed without the workflow reaching the default branch/,
    );
  });

  it("updates the open PR only when its workflow differs", () => {
    const org = policy();
    const first = plan(observed(repoFacts(), org)).actions[1];
    if (first?.kind !== "open-pull-request") throw new Error("expected a PR");
    const open = { pullRequests: [pullRequest(9, "OPEN")] };
    const upToDate = repoFacts({
      ...open,
      onboardingBranch: { oid: "b".repeat(40), workflowText: first.pr.content },
    });
    expect(kinds(observed(upToDate, org, desiredMapping(upToDate, org)))).toEqual([]);
    const stale = repoFacts({ ...open, onboardingBranch: { oid: "b".repeat(40), workflowText: "old" } });
    expect(plan(observed(stale, org, desiredMapping(stale, org))).actions).toMatchObject([
      { kind: "update-pull-request", number: 9, pr: { branchOid: "b".repeat(40) } },
    ]);
  });

  it.each([
    [{ isFork: true }, "the repository is a fork"],
    [
      { name: "sandbox-x", fullName: "acme/sandbox-x" },
      "the repository matches the exclude pattern `sandbox-*`",
    ],
    [{ visibility: "public" as const }, "public repositories are not in the policy's visibility list"],
  ])("puts %j out of scope, removing the app's mapping and closing its PR", (facts, reason) => {
    const org = policy({ repositories: { exclude: ["sandbox-*"], visibility: ["private", "internal"] } });
    const repo = repoFacts({ ...facts, pullRequests: [pullRequest(4, "OPEN")] });
    const result = plan(observed(repo, org, desiredMapping(repo, org)));
    expect(result.inScope).toBe(false);
    expect(result.notes).toEqual([`out of scope: ${reason}`]);
    expect(result.actions).toEqual([
      { kind: "delete-mapping", name: "gh-o5-r74" },
      { kind: "close-pull-request", number: 4, reason, mappingRemoved: true },
    ]);
  });

  it("removes the mapping of an archived repository but leaves its read-only PR alone", () => {
    const org = policy();
    const repo = repoFacts({ isArchived: true, pullRequests: [pullRequest(4, "OPEN")] });
    expect(plan(observed(repo, org, desiredMapping(repo, org))).actions).toEqual([
      { kind: "delete-mapping", name: "gh-o5-r74" },
    ]);
  });

  it("finishes the PR's labels and review requests when an earlier run could not", () => {
    const org = policy({
      pullRequest: { labels: ["security", "jfrog"], reviewers: ["mona"], teamReviewers: ["platform"] },
    });
    const content = (plan(observed(repoFacts(), org)).actions[1] as { pr: { content: string } }).pr.content;
    const facts = (pr: ReturnType<typeof pullRequest>) =>
      repoFacts({ pullRequests: [pr], onboardingBranch: { oid: "b".repeat(40), workflowText: content } });
    const bare = facts(pullRequest(9, "OPEN", { labels: ["JFrog"] }));
    expect(plan(observed(bare, org, desiredMapping(bare, org))).actions).toEqual([
      {
        kind: "decorate-pull-request",
        number: 9,
        decoration: { labels: ["security"], reviewers: ["mona"], teamReviewers: ["platform"] },
      },
    ]);
    // Once someone was asked (or reviewed), nobody is asked again; labels already there are left alone.
    const done = facts(pullRequest(9, "OPEN", { labels: ["security", "jfrog"], hasReviewActivity: true }));
    expect(plan(observed(done, org, desiredMapping(done, org))).actions).toEqual([]);
  });

  it("closes the PR of an out-of-scope repository without claiming to remove a mapping it does not own", () => {
    const org = policy({ repositories: { exclude: ["app"] } });
    const repo = repoFacts({ pullRequests: [pullRequest(4, "OPEN")] });
    const hand = { name: "gh-o5-r74", description: "mine", claims: {}, token_spec: {} };
    expect(plan(observed(repo, org, hand)).actions).toEqual([
      {
        kind: "close-pull-request",
        number: 4,
        reason: "the repository matches the exclude pattern `app`",
        mappingRemoved: false,
      },
    ]);
  });

  it("leaves a hand-made mapping with the same name alone and opens no PR", () => {
    const hand = { name: "gh-o5-r74", description: "mine", claims: {}, token_spec: {} };
    const result = plan(observed(repoFacts(), policy(), hand));
    expect(result.actions).toEqual([]);
    expect(result.notes[0]).toMatch(/exists that this app does not own/);
  });

  it("reports an invalid repository config and plans nothing else", () => {
    const result = plan(observed(repoFacts({ repoConfigText: "enabled: 3" })));
    expect(result.actions.map((a) => a.kind)).toEqual(["report-config-problems"]);
    expect(result.actions[0]).toMatchObject({ severity: "invalid" });
  });
});
