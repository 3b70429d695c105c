/**
 * The one path every trigger ends in, for one repository:
 *   1. open the org gate (policy valid, JFrog integration verified or the app's to create: the org plan)
 *   2. observe the repository (one GraphQL request) and its JFrog mapping
 *   3. plan (pure)
 *   4. apply the org plan, then the repository's, unless this is a dry run (which logs both)
 * Slash-commands take this same path: `status`, `plan` and `verify` as a dry run, `setup`, `sync` and `disable` with
 * the plan options they ask for (see PlanOptions).
 */
import type { ProbotOctokit } from "probot";
import { ownConfigText, type PolicyDefaults } from "../config/load-org-policy.js";
import { applyRepoConfig } from "../config/narrowing-guard.js";
import { CONFIG_PATH, type Policy } from "../config/policy-schema.js";
import { observeRepository } from "../github/observe-repository.js";
import type { RepoFacts } from "../github/repo-facts.js";
import { JFrogError } from "../jfrog/errors.js";
import type { MappingApi } from "../jfrog/mapping-api.js";
import type { IdentityMapping } from "../jfrog/types.js";
import type { JobLogger } from "../logger.js";
import { type ApplyDeps, apply } from "./apply.js";
import { applyOrgPlan } from "./apply-org-plan.js";
import { type CarriedObservation, staleBecause } from "./carried-observation.js";
import { mappingName } from "./desired-mapping.js";
import { type GateClosed, type OrgMemory, openOrgGate } from "./org-gate.js";
import { describeOrgAction, type OrgPlan } from "./org-plan.js";
import {
  type Action,
  type Observed,
  type Plan,
  type PlanOptions,
  plan,
  planForGoneRepository,
} from "./plan.js";
import type { IntegrationApi } from "./verify-integration.js";

export interface ReconcileDeps {
  octokit: ProbotOctokit;
  jfrog: MappingApi & IntegrationApi;
  jfrogUrl: string;
  dryRun: boolean;
  log: JobLogger;
  orgMemory: OrgMemory;
  /** When the job was asked for, on orgMemory's clock: an integration verified earlier is read again. */
  requestedAt?: number;
  /** Defaults from the operator's environment (the GHES issuer). */
  policyDefaults?: PolicyDefaults;
}

/** Why nothing was planned: the org gate is closed, the policy keeps an uninstalled repository's mapping, or it is gone. */
export type SkipReason =
  | Omit<GateClosed, "open">
  | { why: "kept-on-uninstall"; reason: string }
  | { why: "repository-gone"; reason: string };

export type ReconcileOutcome =
  | ({ status: "skipped" } & SkipReason)
  | {
      status: "planned";
      /** The org's own actions (creating its JFrog integration), applied before the repository's. */
      orgPlan: OrgPlan;
      plan: Plan;
      applied: string[];
      dryRun: boolean;
      policy: Policy;
      /** What the plan was made from; null when the repository is gone from where the event said it was. */
      observed: Observed | null;
    };

/** A planned outcome for a repository that exists (what a command's reply describes). */
export type ObservedOutcome = Extract<ReconcileOutcome, { status: "planned" }> & { observed: Observed };

export interface ReconcileOptions extends PlanOptions {
  /** Plan without writing whatever DRY_RUN says (`/jfrog-oidc status`, `plan`, `verify`). */
  dryRun?: boolean;
  /** Told of each action as it completes, so a command can say what was done before a failure. */
  onApplied?: (action: Action) => void;
  /**
   * Called with the plan before its first write (the rollout reserves the plan's GitHub writes in the content
   * budget here); throwing stops the job with nothing written.
   */
  beforeApply?: (plan: Plan, headSha: string | null) => Promise<void>;
  /** The repository was removed from the installation: its mapping goes only if the policy says `remove`. */
  uninstalled?: boolean;
  /**
   * What an org scan observed (see carried-observation.ts): used instead of reading the repository and its mapping
   * again while it is younger than `maxAgeMs` and observed under the same policy inputs.
   */
  carried?: { observation: CarriedObservation; maxAgeMs: number };
}

export interface ReconcileTarget {
  owner: string;
  name: string;
  /** Known from the webhook: lets the app find its mapping when the repository is gone (deleted, moved). */
  ids?: { ownerId: number; repoId: number };
}

export async function reconcileRepository(
  deps: ReconcileDeps,
  target: ReconcileTarget,
  options: ReconcileOptions = {},
): Promise<ReconcileOutcome> {
  const { octokit, jfrog, log } = deps;
  const dryRun = deps.dryRun || options.dryRun === true;

  // 1. The org gate
  const gate = await openOrgGate({ ...deps, dryRun, memory: deps.orgMemory }, target.owner);
  if (!gate.open) {
    const { open: _, ...closed } = gate;
    return { status: "skipped", ...closed };
  }
  const { policy, orgPlan } = gate;
  if (options.uninstalled && policy.rollout.onUninstall === "keep") {
    log.info(
      { repository: `${target.owner}/${target.name}` },
      "repository removed from the installation: its mapping is kept (rollout.onUninstall: keep)",
    );
    return {
      status: "skipped",
      why: "kept-on-uninstall",
      reason: "the policy keeps mappings of uninstalled repositories",
    };
  }

  // 2. Observe (or take what the org scan observed, while it is fresh)
  // An integration still to be created holds no mappings: nothing to read.
  const integrationExists = orgPlan.state !== "create-integration";
  const { repo, mapping, ids } = await observe(deps, policy, target, options.carried, integrationExists);
  if (!ids) {
    log.info({ repository: `${target.owner}/${target.name}` }, "repository no longer exists: nothing to do");
    return { status: "skipped", why: "repository-gone", reason: "the repository no longer exists" };
  }
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};

  // 3. Plan
  const observed: Observed | null = repo
    ? {
        repo,
        // In the org's `.github` repository that file is the org policy itself, never a repository config.
        config: applyRepoConfig(policy, ownConfigText(repo), `${repo.fullName}:${CONFIG_PATH}`),
        mapping,
        jfrogUrl: deps.jfrogUrl,
      }
    : null;
  const result = observed
    ? plan(observed, options)
    : planForGoneRepository(`${target.owner}/${target.name}`, mapping);
  const summary = { repository: result.repository, inScope: result.inScope, notes: result.notes };
  const outcome = { status: "planned", orgPlan, plan: result, dryRun, policy, observed } as const;
  if (dryRun) {
    log.info(
      { ...summary, orgActions: orgPlan.actions.map(describeOrgAction), actions: result.actions },
      "dry run: plan logged, nothing written",
    );
    return { ...outcome, applied: [] };
  }

  // 4. Apply
  const headSha = repo?.defaultBranch?.oid ?? null;
  if (result.actions.length > 0) await options.beforeApply?.(result, headSha);
  const applyDeps: ApplyDeps = {
    octokit,
    jfrog,
    log,
    provider: policy.provider.name,
    scope,
    repo: { owner: repo?.owner ?? target.owner, repo: repo?.name ?? target.name },
    headSha,
    onApplied: options.onApplied,
  };
  let applied: string[];
  try {
    const orgDeps = { jfrog, log, memory: deps.orgMemory };
    applied = [...(await applyOrgPlan(orgDeps, orgPlan, policy)), ...(await apply(applyDeps, result))];
  } catch (error) {
    // A refused mapping write may mean the integration changed under us: the next attempt verifies it again.
    if (error instanceof JFrogError) deps.orgMemory.forgetVerified(target.owner);
    throw error;
  }
  log.info(
    { ...summary, applied },
    applied.length ? "repository reconciled" : "repository already as desired",
  );
  return { ...outcome, applied };
}

async function observe(
  deps: ReconcileDeps,
  policy: Policy,
  target: ReconcileTarget,
  carried: ReconcileOptions["carried"],
  integrationExists: boolean,
): Promise<{ repo: RepoFacts | null; mapping: IdentityMapping | null; ids: ReconcileTarget["ids"] }> {
  if (carried) {
    const { observation, maxAgeMs } = carried;
    const stale = sameRepository(observation.repo, target)
      ? staleBecause(observation, policy, deps.orgMemory.now(), maxAgeMs)
      : "it is of another repository";
    if (!stale) {
      const { repo, mapping } = observation;
      return { repo, mapping, ids: { ownerId: repo.ownerId, repoId: repo.id } };
    }
    deps.log.debug({ why: stale }, "the org scan's observation is not used: observing again");
  }
  const found = await observeRepository(deps.octokit, {
    owner: target.owner,
    name: target.name,
    workflowPath: policy.workflow.path,
    onboardingBranch: policy.pullRequest.branch,
  });
  // A different repository at that name (deleted and re-created, or a redirect after a transfer) is not this one:
  // for the repository the event was about, it is gone from here.
  const repo = found && sameRepository(found, target) ? found : null;
  const ids = repo ? { ownerId: repo.ownerId, repoId: repo.id } : target.ids;
  if (!ids || !integrationExists) return { repo, mapping: null, ids };
  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  const mapping = await deps.jfrog.getMapping(
    policy.provider.name,
    mappingName(ids.ownerId, ids.repoId),
    scope,
  );
  return { repo, mapping, ids };
}

function sameRepository(found: RepoFacts, target: ReconcileTarget): boolean {
  if (!target.ids) return true;
  return found.id === target.ids.repoId && found.ownerId === target.ids.ownerId;
}
