/**
 * Observe every repository of an organization the installation can see, in pages of up to 100.
 *
 * PLACEHOLDER, simplest correct version: the installation's repositories by REST pagination, then the existing
 * per-repository GraphQL query for each (1 + N requests). The bulk version (one GraphQL request per 100
 * repositories) replaces this file and keeps this signature.
 */
import type { ProbotOctokit } from "probot";
import { observeRepository } from "./observe-repository.js";
import type { RepoFacts } from "./repo-facts.js";

export interface ObserveOrganizationTarget {
  org: string;
  workflowPath: string;
  onboardingBranch: string;
}

const PAGE = 100;

export async function* observeOrganization(
  octokit: ProbotOctokit,
  target: ObserveOrganizationTarget,
): AsyncIterable<RepoFacts[]> {
  const org = target.org.toLowerCase();
  for await (const { data } of octokit.paginate.iterator("GET /installation/repositories", {
    per_page: PAGE,
  })) {
    const page: RepoFacts[] = [];
    for (const listed of data) {
      if (listed.owner.login.toLowerCase() !== org) continue;
      const facts = await observeRepository(octokit, {
        owner: listed.owner.login,
        name: listed.name,
        workflowPath: target.workflowPath,
        onboardingBranch: target.onboardingBranch,
      });
      if (facts) page.push(facts);
    }
    if (page.length > 0) yield page;
  }
}
