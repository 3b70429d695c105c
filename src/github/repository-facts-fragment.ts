/**
 * The selection of a `Repository` that becomes `RepoFacts`, shared by the per-repository query
 * (observe-repository.ts) and the bulk organization query (observe-organization.ts) so the two cannot drift: one
 * fragment, one set of variables, one mapper.
 *
 * Sizes of the nested connections (GitHub counts nodes as the product of the `first` values along each path, at
 * most 500,000 per query, and every connection needs `first`/`last` ≤ 100:
 * https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#node-limit):
 * - `pullRequests(first: 10)`: the onboarding branch's PRs, newest first. GitHub cannot filter out PRs from forks
 *   server-side (no `isCrossRepository` argument), so fork PRs whose branch has the same name share this window and
 *   are dropped by the mapper; 10 leaves room for a few of them beside the app's own PR history.
 * - `labels(first: 20)`: the planner only checks that the policy's few labels are on the open PR; a PR with more than
 *   20 labels at worst gets a label it has re-added (idempotent).
 * - `reviewRequests(first: 1)`, `reviews(first: 1)`: only `totalCount` is read.
 * Per repository that is 10 + 10×20 + 10 + 10 = 230 nodes (+1 for the repository itself in a list); measured from
 * the documents by test/github/query-node-limit.test.ts.
 */
import { CONFIG_PATH } from "../config/policy-schema.js";
import { OPT_OUT_LABEL } from "./opt-out-label.js";
import type { PullRequestFacts, RepoFacts, Visibility } from "./repo-facts.js";

export const PULL_REQUESTS_FIRST = 10;
export const LABELS_FIRST = 20;

/** The operation variables the fragment uses; every query that spreads it declares exactly these. */
export const REPOSITORY_FACTS_VARIABLES = /* GraphQL */ `
    $workflowExpression: String!
    $configExpression: String!
    $branchRef: String!
    $branchName: String!
    $branchWorkflowExpression: String!
    $optOutLabel: String!
`;

export const REPOSITORY_FACTS_FRAGMENT = /* GraphQL */ `
  fragment BlobText on GitObject {
    ... on Blob {
      text
    }
  }

  fragment RepositoryFacts on Repository {
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
    pullRequests(headRefName: $branchName, first: ${PULL_REQUESTS_FIRST}, orderBy: { field: CREATED_AT, direction: DESC }) {
      nodes {
        number
        state
        url
        isCrossRepository
        labels(first: ${LABELS_FIRST}) {
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
`;

export interface FactsTarget {
  workflowPath: string;
  onboardingBranch: string;
}

export function repositoryFactsVariables(target: FactsTarget) {
  return {
    workflowExpression: `HEAD:${target.workflowPath}`,
    configExpression: `HEAD:${CONFIG_PATH}`,
    branchRef: `refs/heads/${target.onboardingBranch}`,
    branchName: target.onboardingBranch,
    branchWorkflowExpression: `refs/heads/${target.onboardingBranch}:${target.workflowPath}`,
    optOutLabel: OPT_OUT_LABEL,
  };
}

interface Blob {
  text?: string | null;
}

interface PullRequestNode {
  number: number;
  state: PullRequestFacts["state"];
  url: string;
  isCrossRepository: boolean;
  labels: { nodes: Array<{ name: string } | null> | null } | null;
  reviewRequests: { totalCount: number } | null;
  reviews: { totalCount: number } | null;
}

/** What the fragment selects, as GitHub answers it. */
export interface RepositoryFactsNode {
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
}

export function toRepoFacts(repo: RepositoryFactsNode): RepoFacts {
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
    // A fork's PR whose branch has the onboarding branch's name is not the app's: counting it would make the
    // repository look declined (closed) or onboarding (open) when it is neither.
    pullRequests: (repo.pullRequests.nodes ?? [])
      .filter((pr): pr is PullRequestNode => pr !== null && !pr.isCrossRepository)
      .map(pullRequestFacts),
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
