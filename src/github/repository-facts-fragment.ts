/**
 * The selection of a `Repository` that becomes `RepoFacts` (fragment `RepositoryFacts` in
 * graphql/repository-facts.graphql), shared by the per-repository query (observe-repository.ts) and the bulk
 * organization query (observe-organization.ts) so the two cannot drift: one fragment, one set of variables, one
 * mapper. Its response type is generated from the fragment (`npm run codegen`), so it cannot drift from it either.
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
import type { RepositoryFactsFragment } from "./graphql/operations.generated.js";
import { OPT_OUT_LABEL } from "./opt-out-label.js";
import type { PullRequestFacts, RepoFacts, Visibility } from "./repo-facts.js";

export interface FactsTarget {
  workflowPath: string;
  onboardingBranch: string;
}

/** The variables the fragment uses; every query that spreads it declares exactly these. */
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

type PullRequestNode = NonNullable<NonNullable<RepositoryFactsFragment["pullRequests"]["nodes"]>[number]>;

export function toRepoFacts(repo: RepositoryFactsFragment): RepoFacts {
  const head = repo.defaultBranchRef?.target?.oid;
  const branchOid = repo.onboardingBranch?.target?.oid;
  return {
    id: requireId(repo.databaseId, `repository ${repo.nameWithOwner}`),
    ownerId: requireId(repo.owner.databaseId, `owner ${repo.owner.login}`),
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

/** The schema declares `databaseId` nullable; the mapping is pinned to these ids, so a missing one stops here. */
function requireId(id: number | null | undefined, what: string): number {
  if (typeof id !== "number") throw new Error(`GitHub returned no id for ${what}`);
  return id;
}
