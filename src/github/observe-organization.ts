/**
 * Everything the planner needs about EVERY repository of an organization, one GraphQL request per 100
 * repositories (⌈N/100⌉ requests for N), each repository read with the same selection as the per-repository query
 * (repository-facts-fragment.ts), so the bulk scan and a single observation give the same `RepoFacts`.
 *
 * What one page costs, with the nested sizes chosen in repository-facts-fragment.ts:
 * - nodes: 100 repositories × (1 + 10 PRs + 10×20 labels + 10 review requests + 10 reviews) = 23,100, under 5% of
 *   GitHub's 500,000-node limit per query (so 100 repositories per page fits with room to spare);
 * - primary rate-limit cost: GitHub sums the requests each connection needs (1 for the repositories, 100 for
 *   their PR lists, 3 × 1,000 for each PR's labels/review requests/reviews), ÷ 100 = about 31 points a page,
 *   about 3,100 points to observe 10,000 repositories, inside an installation's 5,000 points an hour;
 * - secondary limit: a query is 1 point of the 2,000 per minute, so 100 pages are 100 points.
 * (https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api)
 *
 * Repositories come oldest first (CREATED_AT ASC), so one created while the scan runs lands on a later page
 * instead of shifting the pages already read (nothing is skipped; it is seen on the last page or the next scan).
 */
import type { ProbotOctokit } from "probot";
import {
  ObserveOrganizationDocument,
  type ObserveOrganizationQuery,
} from "./graphql/operations.generated.js";
import { queryGitHub } from "./graphql/query-github.js";
import type { RepoFacts } from "./repo-facts.js";
import { type FactsTarget, repositoryFactsVariables, toRepoFacts } from "./repository-facts-fragment.js";

export interface OrganizationTarget extends FactsTarget {
  org: string;
}

/** Pages of up to 100 repositories' facts, in the order GitHub lists them; an empty organization yields nothing. */
export async function* observeOrganization(
  octokit: ProbotOctokit,
  target: OrganizationTarget,
): AsyncIterable<RepoFacts[]> {
  const variables = repositoryFactsVariables(target);
  let after: string | null = null;
  for (;;) {
    const page: ObserveOrganizationQuery = await queryGitHub(octokit, ObserveOrganizationDocument, {
      org: target.org,
      after,
      ...variables,
    });
    // GitHub answers an unknown login with a NOT_FOUND error (thrown by octokit); null is the same, said plainly.
    if (!page.organization) throw new Error(`GitHub has no organization ${target.org} visible to the app`);
    const { nodes, pageInfo } = page.organization.repositories;
    const facts = (nodes ?? []).flatMap((node) => (node ? [toRepoFacts(node)] : []));
    if (facts.length > 0) yield facts;
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
    after = pageInfo.endCursor;
  }
}
