/**
 * Everything the planner needs from GitHub about one repository, in ONE GraphQL request: ids, default branch,
 * flags, root file names, the workflow and config files, the opt-out label, the onboarding branch and its PRs.
 * (GraphQL lets one query read all of it; REST would take six or more requests per repository.) The selection is
 * shared with the organization-wide query (repository-facts-fragment.ts).
 */
import type { ProbotOctokit } from "probot";
import { ObserveRepositoryDocument, type ObserveRepositoryQuery } from "./graphql/operations.generated.js";
import { queryGitHub } from "./graphql/query-github.js";
import { hasGraphqlErrorType } from "./graphql-errors.js";
import type { RepoFacts } from "./repo-facts.js";
import { type FactsTarget, repositoryFactsVariables, toRepoFacts } from "./repository-facts-fragment.js";

export interface ObserveTarget extends FactsTarget {
  owner: string;
  name: string;
}

/** Returns null when the repository no longer exists (deleted or transferred away before the job ran). */
export async function observeRepository(
  octokit: ProbotOctokit,
  target: ObserveTarget,
): Promise<RepoFacts | null> {
  let data: ObserveRepositoryQuery;
  try {
    data = await queryGitHub(octokit, ObserveRepositoryDocument, {
      owner: target.owner,
      name: target.name,
      ...repositoryFactsVariables(target),
    });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  return data.repository ? toRepoFacts(data.repository) : null;
}

/** GitHub answers a missing repository with a GraphQL error of type NOT_FOUND (HTTP 200). */
export function isNotFound(error: unknown): boolean {
  return hasGraphqlErrorType(error, "NOT_FOUND");
}
