/** The plan's one-word state, which the rollout dashboard counts (no parsing of notes). */
import { describe, expect, it } from "vitest";
import { applyRepoConfig } from "../../src/config/narrowing-guard.js";
import type { RepoFacts } from "../../src/github/repo-facts.js";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { desiredMapping } from "../../src/reconcile/desired-mapping.js";
import { type PlanOptions, plan, planForGoneRepository } from "../../src/reconcile/plan.js";
import { policy } from "../fixtures/policy.js";
import { pullRequest, repoFacts } from "../fixtures/repo-facts.js";

function stateOf(repo: RepoFacts, mapping: IdentityMapping | null = null, options: PlanOptions = {}) {
  const org = policy({ repositories: { exclude: ["docs"] } });
  const config = applyRepoConfig(org, repo.repoConfigText, `${repo.fullName}:.github/jfrog-oidc.yml`);
  return plan({ repo, config, mapping, jfrogUrl: "https://acme.jfrog.io" }, options).state;
}

const owned = (repo: RepoFacts) => desiredMapping(repo, policy());

describe("plan state", () => {
  it.each<[string, RepoFacts, string]>([
    ["a new repository", repoFacts(), "pending"],
    ["an empty one", repoFacts({ defaultBranch: null }), "waiting-first-push"],
    [
      "one with the workflow on its default branch",
      repoFacts({ workflowOnDefault: "on: push\n" }),
      "onboarded",
    ],
    ["one with the PR open", repoFacts({ pullRequests: [pullRequest(3, "OPEN")] }), "pull-request-open"],
    ["one whose PR was closed unmerged", repoFacts({ pullRequests: [pullRequest(3, "CLOSED")] }), "declined"],
    ["one that opted out in its file", repoFacts({ repoConfigText: "enabled: false\n" }), "opted-out"],
    ["one disabled by command", repoFacts({ disabledByCommand: true }), "opted-out"],
    ["an archived one", repoFacts({ isArchived: true }), "excluded"],
    ["one the policy excludes", repoFacts({ name: "docs", fullName: "acme/docs" }), "excluded"],
    ["one with an invalid config file", repoFacts({ repoConfigText: "enabled: [nope\n" }), "blocked"],
  ])("%s is %s", (_what, repo, state) => {
    expect(stateOf(repo)).toBe(state);
  });

  it("is blocked by a hand-made mapping holding the repository's mapping name", () => {
    const repo = repoFacts();
    const handMade = { ...owned(repo), description: "made by hand" };
    expect(stateOf(repo, handMade)).toBe("blocked");
  });

  it("is pending again when someone asks to reopen a declined PR", () => {
    const repo = repoFacts({ pullRequests: [pullRequest(3, "CLOSED")] });
    expect(stateOf(repo, null, { reopenDeclined: true })).toBe("pending");
  });

  it("is gone for a repository that no longer exists", () => {
    expect(planForGoneRepository("acme/old", null).state).toBe("gone");
  });
});
