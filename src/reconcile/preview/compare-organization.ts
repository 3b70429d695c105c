/**
 * The org-wide half of a policy preview: every repository of the organization planned twice by the pure planner,
 * with the pull request's policy (head) and with the policy applied now (base), and counted (plan-tally.ts).
 * Reads only, the same way an org scan does:
 *   1. the org plan: the JFrog integration the head policy names, read and planned (one the app would create is
 *      shown as the org action it would be; one that differs refuses the policy, as the app would)
 *   2. the provider's identity mappings, listed once (twice only when the PR changes the provider or project;
 *      none for an integration still to be created)
 *   3. every repository observed in bulk, one GraphQL request per 100 (a second pass only when the PR changes the
 *      workflow path or the onboarding branch, which the observation reads)
 */
import type { ProbotOctokit } from "probot";
import { ownConfigText } from "../../config/load-org-policy.js";
import { applyRepoConfig } from "../../config/narrowing-guard.js";
import { CONFIG_PATH, type Policy } from "../../config/policy-schema.js";
import { observeOrganization } from "../../github/observe-organization.js";
import type { RepoFacts } from "../../github/repo-facts.js";
import type { MappingApi } from "../../jfrog/mapping-api.js";
import type { IdentityMapping } from "../../jfrog/types.js";
import type { JobLogger } from "../../logger.js";
import { mappingName } from "../desired-mapping.js";
import { describeOrgAction, planOrg } from "../org-plan.js";
import { type Plan, plan } from "../plan.js";
import type { IntegrationApi } from "../verify-integration.js";
import { type PlanSummary, PlanTally, summarizePlan, type Tally } from "./plan-tally.js";

export interface PreviewDeps {
  octokit: ProbotOctokit;
  jfrog: Pick<MappingApi, "listMappings" | "getMapping"> & Pick<IntegrationApi, "getIntegration">;
  jfrogUrl: string;
  log: JobLogger;
}

export type OrganizationComparison =
  | { status: "integration-mismatch"; problems: string[] }
  | { status: "planned"; repositories: number; tally: Tally; notes: string[] };

export async function compareOrganizationPlans(
  deps: PreviewDeps,
  org: string,
  head: Policy,
  base: Policy | null,
  rowLimit: number,
): Promise<OrganizationComparison> {
  // 1. The org plan for the head policy (read only)
  const orgPlan = planOrg({
    org,
    policy: head,
    integration: await deps.jfrog.getIntegration(head.provider.name),
  });
  if (orgPlan.state === "refused") return { status: "integration-mismatch", problems: orgPlan.problems };

  // 2. The mappings, once per provider and project
  const headMappings =
    orgPlan.state === "create-integration"
      ? new Map<string, IdentityMapping>()
      : await listMappings(deps, head);
  const baseMappings =
    base && sameMappingSet(base, head) ? headMappings : base && (await listMappings(deps, base));

  // 3. Observe and plan
  const planFor = (policy: Policy, mappings: Map<string, IdentityMapping>, repo: RepoFacts): Plan =>
    plan({
      repo,
      config: applyRepoConfig(policy, ownConfigText(repo), `${repo.fullName}:${CONFIG_PATH}`),
      mapping: mappings.get(mappingName(repo.ownerId, repo.id)) ?? null,
      jfrogUrl: deps.jfrogUrl,
    });
  const separateBasePass = base !== null && !sameObservation(base, head);
  const baseById = new Map<number, PlanSummary>();
  if (base && baseMappings && separateBasePass)
    for await (const page of observeOrganization(deps.octokit, observationOf(org, base)))
      for (const repo of page) baseById.set(repo.id, summarizePlan(planFor(base, baseMappings, repo)));

  const tally = new PlanTally(rowLimit);
  for await (const page of observeOrganization(deps.octokit, observationOf(org, head)))
    for (const repo of page) {
      const baseSummary =
        base && baseMappings
          ? separateBasePass
            ? (baseById.get(repo.id) ?? null)
            : summarizePlan(planFor(base, baseMappings, repo))
          : null;
      tally.add(planFor(head, headMappings, repo), baseSummary);
    }

  const notes = [
    ...orgPlan.actions.map((a) => `once merged, the app would first ${describeOrgAction(a)}`),
    ...(base && orgPlan.state === "integration-matches" && !sameIntegration(base, head)
      ? [
          `the org's workflows would use the JFrog OIDC integration "${head.provider.name}" (it exists and matches ` +
            `this policy) with audience ${head.provider.audience}, instead of "${base.provider.name}" with ` +
            `audience ${base.provider.audience}`,
        ]
      : []),
    ...(head.rollout.existing
      ? []
      : [
          "rollout.existing is false: onboarding PRs for repositories the app does not manage yet are opened " +
            "only after an org owner's /jfrog-oidc rollout (new repositories are onboarded as they are created)",
        ]),
  ];
  deps.log.info({ org, repositories: tally.repositories, separateBasePass }, "org policy preview planned");
  return { status: "planned", repositories: tally.repositories, tally: tally.tally, notes };
}

async function listMappings(deps: PreviewDeps, policy: Policy): Promise<Map<string, IdentityMapping>> {
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  return new Map((await deps.jfrog.listMappings(policy.provider.name, scope)).map((m) => [m.name, m]));
}

/** The same integration as the workflows see it (`manage` says only who creates it). */
function sameIntegration(a: Policy, b: Policy): boolean {
  const seen = (p: Policy) => [p.provider.name, p.provider.issuer, p.provider.audience, p.projectKey];
  return JSON.stringify(seen(a)) === JSON.stringify(seen(b));
}

function sameMappingSet(a: Policy, b: Policy): boolean {
  return a.provider.name === b.provider.name && a.projectKey === b.projectKey;
}

function observationOf(org: string, policy: Policy) {
  return { org, workflowPath: policy.workflow.path, onboardingBranch: policy.pullRequest.branch };
}

function sameObservation(a: Policy, b: Policy): boolean {
  return a.workflow.path === b.workflow.path && a.pullRequest.branch === b.pullRequest.branch;
}
