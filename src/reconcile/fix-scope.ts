/**
 * Whether a repository may get a fix PR: the same scope as onboarding (org policy include/exclude, visibility,
 * archived, forks, the `.github` repository) and the repository's own opt-outs (`enabled: false`,
 * `/jfrog-oidc disable`), read with the one GraphQL query the reconcile path uses. A repository config the app
 * cannot parse stops the PR (fail closed: it may be an opt-out). Also gives the default branch's name, the PR's base.
 */
import type { ProbotOctokit } from "probot";
import { ownConfigText } from "../config/load-org-policy.js";
import { applyRepoConfig } from "../config/narrowing-guard.js";
import { CONFIG_PATH, type Policy } from "../config/policy-schema.js";
import { observeRepository } from "../github/observe-repository.js";
import type { RepoRef } from "../github/rest.js";
import { decideScope } from "./scope.js";

export type FixScope = { inScope: true; defaultBranch: string } | { inScope: false; reason: string };

export async function fixScope(octokit: ProbotOctokit, repo: RepoRef, policy: Policy): Promise<FixScope> {
  const facts = await observeRepository(octokit, {
    owner: repo.owner,
    name: repo.repo,
    workflowPath: policy.workflow.path,
    onboardingBranch: policy.pullRequest.branch,
  });
  if (!facts?.defaultBranch)
    return { inScope: false, reason: "the repository or its default branch is gone" };
  const config = applyRepoConfig(policy, ownConfigText(facts), `${facts.fullName}:${CONFIG_PATH}`);
  if (config.status === "invalid")
    return { inScope: false, reason: "the repository's .github/jfrog-oidc.yml is invalid" };
  const scope = decideScope(facts, config.policy, config.optedOut, facts.disabledByCommand);
  return scope.inScope
    ? { inScope: true, defaultBranch: facts.defaultBranch.name }
    : { inScope: false, reason: `out of scope: ${scope.reason}` };
}
