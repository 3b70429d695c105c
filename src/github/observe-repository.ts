/**
 * Everything the planner needs from GitHub about one repository, in ONE GraphQL request: ids, default branch,
 * flags, root file names, the workflow and config files, the opt-out label, the onboarding branch and its PRs.
 * (GraphQL lets one query read all of it; REST would take six or more requests per repository.)
 */
import type { ProbotOctokit } from "probot";
import { CONFIG_PATH } from "../config/policy-schema.js";
import { OPT_OUT_LABEL } from "./opt-out-label.js";
import type { PullRequestFacts, RepoFacts, Visibility } from "./repo-facts.js";

export const OBSERVE_REPOSITORY_QUERY = /* GraphQL */ `
  fragment BlobText on GitObject {
    ... on Blob {
      text
    }
  }

  query ObserveRepository(
    $owner: String!
    $name: String!
    $workflowExpression: String!
    $configExpression: String!
    $branchRef: String!
    $branchName: String!
    $branchWorkflowExpression: String!
    $optOutLabel: String!
  ) {
    repository(owner: $owner, name: $name) {
      databaseId
      name
      nameWithOwner
      isArchived
      isFork
      visibility
      owner {
        login
        ... on Organization {
          databaseId
        }
        ... on User {
          databaseId
        }
      }
      defaultBranchRef {
        name
        target {
          oid
        }
      }
      rootTree: object(expression: "HEAD:") {
        ... on Tree {
          entries {
            name
          }
        }
      }
      workflow: object(expression: $workflowExpression) {
        ...BlobText
      }
      config: object(expression: $configExpression) {
        ...BlobText
      }
      onboardingBranch: ref(qualifiedName: $branchRef) {
        target {
          oid
        }
      }
      branchWorkflow: object(expression: $branchWorkflowExpression) {
        ...BlobText
      }
      optOutLabel: label(name: $optOutLabel) {
        name
      }
      pullRequests(headRefName: $branchName, first: 10, orderBy: { field: CREATED_AT, direction: DESC }) {
        nodes {
          number
          state
          url
          labels(first: 50) {
            nodes {
              name
            }
          }
          reviewRequests(first: 1) {
            totalCount
          }
          reviews(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`;

interface Blob {
  text?: string | null;
}

interface ObserveResponse {
  repository: {
    databaseId: number;
    name: string;
    nameWithOwner: string;
    isArchived: boolean;
    isFork: boolean;
    visibility: "PUBLIC" | "PRIVATE" | "INTERNAL";
    owner: { login: string; databaseId?: number };
    defaultBranchRef: { name: string; target: { oid: string } | null } | null;
    rootTree: { entries?: Array<{ name: string }> } | null;
    workflow: Blob | null;
    config: Blob | null;
    onboardingBranch: { target: { oid: string } | null } | null;
    branchWorkflow: Blob | null;
    optOutLabel: { name: string } | null;
    pullRequests: { nodes: Array<PullRequestNode | null> | null };
  } | null;
}

interface PullRequestNode {
  number: number;
  state: PullRequestFacts["state"];
  url: string;
  labels: { nodes: Array<{ name: string } | null> | null } | null;
  reviewRequests: { totalCount: number } | null;
  reviews: { totalCount: number } | null;
}

export interface ObserveTarget {
  owner: string;
  name: string;
  workflowPath: string;
  onboardingBranch: string;
}

/** Returns null when the repository no longer exists (deleted or transferred away before the job ran). */
export async function observeRepository(
  octokit: ProbotOctokit,
  target: ObserveTarget,
): Promise<RepoFacts | null> {
  let data: ObserveResponse;
  try {
    data = await octokit.graphql<ObserveResponse>(OBSERVE_REPOSITORY_QUERY, {
      owner: target.owner,
      name: target.name,
      workflowExpression: `HEAD:${target.workflowPath}`,
      configExpression: `HEAD:${CONFIG_PATH}`,
      branchRef: `refs/heads/${target.onboardingBranch}`,
      branchName: target.onboardingBranch,
      branchWorkflowExpression: `refs/heads/${target.onboardingBranch}:${target.workflowPath}`,
      optOutLabel: OPT_OUT_LABEL,
    });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const repo = data.repository;
  if (!repo) return null;
  const head = repo.defaultBranchRef?.target?.oid;
  const branchOid = repo.onboardingBranch?.target?.oid;
  return {
    id: repo.databaseId,
    ownerId: requireOwnerId(repo.owner),
    owner: repo.owner.login,
    name: repo.name,
    fullName: repo.nameWithOwner,
    // An empty repository has a default branch name but no commit: treat it as having no branch yet.
    defaultBranch: repo.defaultBranchRef && head ? { name: repo.defaultBranchRef.name, oid: head } : null,
    isArchived: repo.isArchived,
    isFork: repo.isFork,
    visibility: repo.visibility.toLowerCase() as Visibility,
    rootFiles: repo.rootTree?.entries?.map((e) => e.name) ?? [],
    workflowOnDefault: repo.workflow?.text ?? null,
    repoConfigText: repo.config?.text ?? null,
    disabledByCommand: repo.optOutLabel !== null,
    onboardingBranch: branchOid ? { oid: branchOid, workflowText: repo.branchWorkflow?.text ?? null } : null,
    pullRequests: (repo.pullRequests.nodes ?? []).filter((pr) => pr !== null).map(pullRequestFacts),
  };
}

function pullRequestFacts(pr: PullRequestNode): PullRequestFacts {
  return {
    number: pr.number,
    state: pr.state,
    url: pr.url,
    labels: (pr.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
    hasReviewActivity: (pr.reviewRequests?.totalCount ?? 0) + (pr.reviews?.totalCount ?? 0) > 0,
  };
}

function requireOwnerId(owner: { login: string; databaseId?: number }): number {
  if (typeof owner.databaseId !== "number") throw new Error(`GitHub returned no id for owner ${owner.login}`);
  return owner.databaseId;
}

/** GitHub answers a missing repository with a GraphQL error of type NOT_FOUND (HTTP 200). */
function isNotFound(error: unknown): boolean {
  const errors = (error as { errors?: Array<{ type?: string }> }).errors;
  return Array.isArray(errors) && errors.some((e) => e.type === "NOT_FOUND");
}
