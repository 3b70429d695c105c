/**
 * The org scan: observe every repository of an organization in bulk, plan each with the same pure planner as a
 * single repository, and queue a backfill reconcile job only for those whose plan has actions. Each job carries
 * what the scan observed and plans again when it runs (the policy may have changed by then); it observes again only
 * when that observation is stale (reconcile/carried-observation.ts).
 *
 * Existing repositories are onboarded only with consent (the policy's `rollout.existing`, or an org owner's
 * `/jfrog-oidc rollout`); repositories the app already manages (its mapping or its onboarding PR) are kept in
 * step either way. A paused rollout queues nothing.
 *
 * The org's own actions (creating the JFrog integration the policy manages) are applied here, once, before the
 * listing; a dry run logs them and plans the repositories as if they were done.
 */
import { auditIntegration, type IntegrationAudit } from "../audit/jfrog/analyze-integration.js";
import { mergeProjectMappings } from "../audit/jfrog/integration-mappings.js";
import type { AuditedRepository } from "../audit/jfrog/repository-token.js";
import { ownConfigText } from "../config/load-org-policy.js";
import { applyRepoConfig } from "../config/narrowing-guard.js";
import { CONFIG_PATH } from "../config/policy-schema.js";
import { observeOrganization } from "../github/observe-organization.js";
import type { RepoFacts } from "../github/repo-facts.js";
import type { IdentityMapping } from "../jfrog/types.js";
import { applyOrgPlan } from "../reconcile/apply-org-plan.js";
import { type CarriedObservation, observationInputs } from "../reconcile/carried-observation.js";
import { isOwnedByApp, mappingName } from "../reconcile/desired-mapping.js";
import { openOrgGate } from "../reconcile/org-gate.js";
import { describeOrgAction } from "../reconcile/org-plan.js";
import { type Plan, plan } from "../reconcile/plan.js";
import type { ReconcileDeps } from "../reconcile/reconcile-repository.js";
import { readRolloutState } from "./consent.js";
import type { OrgScanJob, ReconcileJob } from "./job.js";
import type { JobQueue } from "./ports.js";

export interface OrgScanDeps extends ReconcileDeps {
  queue: Pick<JobQueue, "add">;
  /** Every repository's plan, as observed by the scan (the dashboard's standings). */
  onPlanned?: (repo: RepoFacts, planned: Plan) => void;
  /**
   * JFrog's side of the org's trust, judged from the scan's listing (every mapping of the integration, the app's
   * and anyone else's): for the dashboard. Without it the scan lists only what it plans with.
   */
  onIntegrationAudit?: (audit: IntegrationAudit) => Promise<void>;
}

export interface OrgScanResult {
  observed: number;
  queued: number;
  /** Existing repositories that would be onboarded, waiting for consent. */
  awaitingConsent: number;
  paused: boolean;
  /** The org policy's `rollout.existing` (consent given in the policy itself). */
  policyConsent: boolean;
}

export async function scanOrganization(deps: OrgScanDeps, job: OrgScanJob): Promise<OrgScanResult | null> {
  const { octokit, jfrog, log } = deps;
  const gate = await openOrgGate({ ...deps, memory: deps.orgMemory, rereadPolicy: true }, job.org);
  if (!gate.open) {
    log.info({ org: job.org, reason: gate.reason }, "org scan skipped");
    return null;
  }
  const { policy, orgPlan } = gate;
  // An integration a dry run leaves uncreated holds no mappings (and JFrog answers 404 for its listing).
  let integrationExists = orgPlan.actions.length === 0;
  if (deps.dryRun && orgPlan.actions.length > 0)
    log.info(
      { org: job.org, orgActions: orgPlan.actions.map(describeOrgAction) },
      "dry run: org plan logged, nothing written",
    );
  else if (orgPlan.actions.length > 0) {
    await applyOrgPlan({ jfrog, log, memory: deps.orgMemory }, orgPlan, policy);
    integrationExists = true;
  }
  const state = await readRolloutState(octokit, job.org);
  const consented = policy.rollout.existing || state.consented;
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  const listed = integrationExists ? await jfrog.listMappings(policy.provider.name, scope) : [];
  const mappings = new Map<string, IdentityMapping>();
  for (const m of listed) mappings.set(m.name, m);
  const audited: AuditedRepository[] = [];

  const result: OrgScanResult = {
    observed: 0,
    queued: 0,
    awaitingConsent: 0,
    paused: state.paused,
    policyConsent: policy.rollout.existing,
  };
  // Each job carries what the scan saw, stamped when the scan began (its reads may be that old).
  const scannedAt = deps.orgMemory.now();
  const inputs = observationInputs(policy);
  for await (const page of observeOrganization(octokit, {
    org: job.org,
    workflowPath: policy.workflow.path,
    onboardingBranch: policy.pullRequest.branch,
  })) {
    for (const repo of page) {
      result.observed++;
      audited.push({ fullName: repo.fullName, id: repo.id, ownerId: repo.ownerId });
      const mapping = mappings.get(mappingName(repo.ownerId, repo.id)) ?? null;
      const planned = plan({
        repo,
        config: applyRepoConfig(policy, ownConfigText(repo), `${repo.fullName}:${CONFIG_PATH}`),
        mapping,
        jfrogUrl: deps.jfrogUrl,
      });
      deps.onPlanned?.(repo, planned);
      if (planned.actions.length === 0) continue;
      if (!consented && !isManaged(repo, mapping)) {
        result.awaitingConsent++;
        continue;
      }
      if (state.paused) continue;
      await deps.queue.add(reconcileJob(job, { atMs: scannedAt, inputs, repo, mapping }));
      result.queued++;
    }
  }
  if (deps.onIntegrationAudit) {
    // A project policy's listing holds the project's mappings; the global ones are tried after them but can
    // still admit a repository's tokens (one more request, only when there is a project).
    const global =
      policy.projectKey && integrationExists ? await jfrog.listMappings(policy.provider.name) : [];
    await deps.onIntegrationAudit(
      auditIntegration({
        mappings: policy.projectKey ? mergeProjectMappings(global, listed, policy.projectKey) : listed,
        repositories: audited,
        issuer: policy.provider.issuer,
        policyExpiresIn: policy.token.expiresIn,
        ownedByApp: isOwnedByApp,
      }),
    );
  }
  log.info({ org: job.org, ...result, consented }, "org scanned");
  return result;
}

/** The app already manages it: its mapping exists, or its onboarding PR was opened once. */
function isManaged(repo: RepoFacts, mapping: IdentityMapping | null): boolean {
  return (mapping !== null && isOwnedByApp(mapping)) || repo.pullRequests.length > 0;
}

function reconcileJob(scan: OrgScanJob, observed: CarriedObservation): ReconcileJob {
  const { repo } = observed;
  return {
    kind: "reconcile",
    installationId: scan.installationId,
    reason: scan.reason,
    priority: "backfill",
    ...(scan.deliveryId && { deliveryId: scan.deliveryId }),
    repository: { owner: repo.owner, name: repo.name, ownerId: repo.ownerId, repoId: repo.id },
    observed,
  };
}
