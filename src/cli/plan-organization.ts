/**
 * The read-only org plan behind `jfrog-oidc-rollout plan`: the same steps as a rollout, writing nothing.
 *   1. the org policy (fail closed: missing or invalid stops here, with the problems)
 *   2. the org plan: the JFrog integration read and planned against the policy (reported as an org action when the
 *      app would create it; never created here; one that differs stops the plan, as it stops the app)
 *   3. the provider's identity mappings, listed once (none while the integration is still to be created)
 *   4. every repository observed in bulk (one GraphQL request per 100) and planned by the pure planner
 */
import type { ProbotOctokit } from "probot";
import { loadOrgPolicy, ownConfigText } from "../config/load-org-policy.js";
import { applyRepoConfig } from "../config/narrowing-guard.js";
import { CONFIG_PATH, type Policy } from "../config/policy-schema.js";
import { observeOrganization } from "../github/observe-organization.js";
import type { RepoFacts } from "../github/repo-facts.js";
import type { MappingApi } from "../jfrog/mapping-api.js";
import type { IdentityMapping } from "../jfrog/types.js";
import { desiredMapping, mappingName } from "../reconcile/desired-mapping.js";
import { type OrgPlan, planOrg } from "../reconcile/org-plan.js";
import { type Plan, plan } from "../reconcile/plan.js";
import type { IntegrationApi } from "../reconcile/verify-integration.js";
import { CliError } from "./cli-error.js";

export interface PlannedRepository {
  repo: RepoFacts;
  plan: Plan;
  /** The mapping the app keeps for it (what Terraform would manage), or null when it keeps none. */
  desired: IdentityMapping | null;
}

export interface OrganizationPlan {
  org: string;
  policy: Policy;
  /** The org's own actions (creating the JFrog integration), done before any repository's. */
  orgPlan: OrgPlan;
  repositories: PlannedRepository[];
}

export interface PlanDeps {
  octokit: ProbotOctokit;
  jfrog: Pick<MappingApi, "listMappings"> & Pick<IntegrationApi, "getIntegration">;
  jfrogUrl: string;
}

export async function planOrganization(deps: PlanDeps, org: string): Promise<OrganizationPlan> {
  // 1. The policy
  const policy = await requirePolicy(deps.octokit, org);

  // 2. The org plan (read only: an integration to create is printed, never created)
  const orgPlan = planOrg({
    org,
    policy,
    integration: await deps.jfrog.getIntegration(policy.provider.name),
  });
  if (orgPlan.state === "refused")
    throw new CliError(
      ["The JFrog integration does not match the org policy; nothing would be written until it is fixed:"]
        .concat(orgPlan.problems.map((p) => `  - ${p}`))
        .join("\n"),
    );

  // 3. The mappings, once
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  const listed =
    orgPlan.state === "create-integration" ? [] : await deps.jfrog.listMappings(policy.provider.name, scope);
  const mappings = new Map(listed.map((m) => [m.name, m]));

  // 4. Observe in bulk, plan each
  const repositories: PlannedRepository[] = [];
  const target = { org, workflowPath: policy.workflow.path, onboardingBranch: policy.pullRequest.branch };
  for await (const page of observeOrganization(deps.octokit, target))
    for (const repo of page) {
      const config = applyRepoConfig(policy, ownConfigText(repo), `${repo.fullName}:${CONFIG_PATH}`);
      const mapping = mappings.get(mappingName(repo.ownerId, repo.id)) ?? null;
      const planned = plan({ repo, config, mapping, jfrogUrl: deps.jfrogUrl });
      // The mapping the app keeps: in scope and not blocked (a hand-made mapping holding its name stays hand-made).
      const keeps = config.status === "ok" && planned.inScope && planned.state !== "blocked";
      repositories.push({
        repo,
        plan: planned,
        desired: keeps ? desiredMapping(repo, config.policy) : null,
      });
    }
  repositories.sort((a, b) => a.repo.fullName.localeCompare(b.repo.fullName, "en"));
  return { org, policy, orgPlan, repositories };
}

/** The org policy, or a CliError listing why there is none (fail closed: nothing is planned or audited without it). */
export async function requirePolicy(octokit: ProbotOctokit, org: string): Promise<Policy> {
  const loaded = await loadOrgPolicy(octokit, org);
  if (loaded.status === "missing")
    throw new CliError(`No org policy at ${loaded.file}: the app does nothing in ${org} until one exists`);
  if (loaded.status === "invalid")
    throw new CliError(
      [`The org policy ${loaded.file} is invalid; nothing would be written until it is fixed:`]
        .concat(loaded.problems.map((p) => `  - ${p.field}: ${p.message}`))
        .join("\n"),
    );
  return loaded.policy;
}
