/**
 * The one path every trigger ends in, for one repository:
 *   1. open the org gate (policy valid, JFrog integration verified)
 *   2. observe the repository (one GraphQL request) and its JFrog mapping
 *   3. plan (pure)
 *   4. apply, unless this is a dry run
 */
import type { ProbotOctokit } from "probot";
import { applyRepoConfig } from "../config/narrowing-guard.js";
import { CONFIG_PATH } from "../config/policy-schema.js";
import { observeRepository } from "../github/observe-repository.js";
import { type ApplyDeps, apply, type MappingApi } from "./apply.js";
import { mappingName } from "./desired-mapping.js";
import type { JobLogger } from "./job-logger.js";
import { type OrgMemory, openOrgGate } from "./org-gate.js";
import { type Plan, plan } from "./plan.js";
import type { IntegrationApi } from "./verify-integration.js";

export interface ReconcileDeps {
  octokit: ProbotOctokit;
  jfrog: MappingApi & IntegrationApi;
  jfrogUrl: string;
  dryRun: boolean;
  log: JobLogger;
  orgMemory: OrgMemory;
}

export type ReconcileOutcome =
  | { status: "skipped"; reason: string }
  | { status: "planned"; plan: Plan; applied: string[] };

export async function reconcileRepository(
  deps: ReconcileDeps,
  target: { owner: string; name: string },
): Promise<ReconcileOutcome> {
  const { octokit, jfrog, log } = deps;

  // 1. The org gate
  const gate = await openOrgGate({ ...deps, memory: deps.orgMemory }, target.owner);
  if (!gate.open) return { status: "skipped", reason: gate.reason };
  const { policy } = gate;

  // 2. Observe
  const repo = await observeRepository(octokit, {
    owner: target.owner,
    name: target.name,
    workflowPath: policy.workflow.path,
    onboardingBranch: policy.pullRequest.branch,
  });
  if (!repo) {
    log.info({ repository: `${target.owner}/${target.name}` }, "repository no longer exists: nothing to do");
    return { status: "skipped", reason: "the repository no longer exists" };
  }
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  const mapping = await jfrog.getMapping(policy.provider.name, mappingName(repo.ownerId, repo.id), scope);
  const config = applyRepoConfig(policy, repo.repoConfigText, `${repo.fullName}:${CONFIG_PATH}`);

  // 3. Plan
  const result = plan({ repo, config, mapping, jfrogUrl: deps.jfrogUrl });
  const summary = { repository: repo.fullName, inScope: result.inScope, notes: result.notes };
  if (deps.dryRun) {
    log.info({ ...summary, actions: result.actions }, "dry run: plan logged, nothing written");
    return { status: "planned", plan: result, applied: [] };
  }

  // 4. Apply
  const applyDeps: ApplyDeps = {
    octokit,
    jfrog,
    log,
    provider: policy.provider.name,
    scope,
    repo: { owner: repo.owner, repo: repo.name },
    headSha: repo.defaultBranch?.oid ?? null,
  };
  const applied = await apply(applyDeps, result);
  log.info(
    { ...summary, applied },
    applied.length ? "repository reconciled" : "repository already as desired",
  );
  return { status: "planned", plan: result, applied };
}
