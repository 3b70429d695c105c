/**
 * Before any repository of an org is touched: its policy must load and validate, and its JFrog integration must
 * match it or be the app's to create (the org plan, org-plan.ts). Otherwise every write for that org stops, and the
 * reason goes where an admin sees it: a failed check run on the policy file's latest commit in the org's `.github`
 * repository, and the log. The gate only reads: an org action it plans (creating the integration) is carried out
 * by the job's apply step (apply-org-plan.ts), or printed by a dry run.
 */
import type { ProbotOctokit } from "probot";
import type { ConfigProblem } from "../config/config-problem.js";
import {
  loadOrgPolicy,
  ORG_CONFIG_REPO,
  type OrgPolicyResult,
  type PolicyDefaults,
} from "../config/load-org-policy.js";
import { CONFIG_PATH, type Policy } from "../config/policy-schema.js";
import { latestCommitTouching, reportConfigCheckRun } from "../github/config-check-run.js";
import type { JobLogger } from "../logger.js";
import { type OrgPlan, planOrg } from "./org-plan.js";
import type { IntegrationApi } from "./verify-integration.js";

/**
 * Why the gate is closed, as data: a command's reply tells an org owner what to do about each (see
 * commands/execute/reconcile-outcome.ts); `reason` is the same said in words, for logs and replies.
 */
export type GateClosed =
  | { open: false; why: "no-policy"; file: string; reason: string }
  | { open: false; why: "invalid-policy"; reason: string }
  | { open: false; why: "integration-mismatch"; reason: string; problems: string[] };

/** Open: the policy, and the org plan to apply before the org's repository writes (none once verified). */
export type OrgGate = { open: true; policy: Policy; orgPlan: OrgPlan } | GateClosed;

/**
 * What the app remembers per org between jobs: verified integrations, the org policy as last loaded, and problems
 * already reported. An org belongs to one installation, so this is per installation too.
 */
export class OrgMemory {
  private readonly verifiedAt = new Map<string, number>();
  private readonly reported = new Map<string, string>();
  private readonly policies = new Map<
    string,
    { loaded: Extract<OrgPolicyResult, { status: "ok" }>; at: number }
  >();

  constructor(
    private readonly verifyTtlMs = 10 * 60_000,
    readonly now: () => number = Date.now,
    /**
     * How long a loaded policy serves later jobs. An org scan (every sweep, and every push of the policy) reads it
     * again; the bound is for a missed webhook, so a policy changed behind the app's back applies within it.
     */
    private readonly policyTtlMs = 10 * 60_000,
  ) {}

  /** The org's valid policy as read after `notBefore` (the job's request) and not too long ago. */
  cachedPolicy(
    org: string,
    notBefore = Number.NEGATIVE_INFINITY,
  ): Extract<OrgPolicyResult, { status: "ok" }> | undefined {
    const known = this.policies.get(org.toLowerCase());
    if (!known || known.at <= notBefore || this.now() - known.at >= this.policyTtlMs) return undefined;
    return known.loaded;
  }

  /**
   * Remembers a policy read that began at `readAt` (stamped at its start: a change landing during the read may be
   * missing from it). Only a valid policy is kept: a missing or invalid one is read again by the next job.
   */
  rememberPolicy(org: string, loaded: OrgPolicyResult, readAt: number): void {
    if (loaded.status === "ok") this.policies.set(org.toLowerCase(), { loaded, at: readAt });
    else this.policies.delete(org.toLowerCase());
  }

  /**
   * This org's integration, as this policy names it, was verified (or created) after `notBefore` (the job's
   * request), and not too long ago.
   */
  isIntegrationVerified(org: string, policy: Policy, notBefore = Number.NEGATIVE_INFINITY): boolean {
    const at = this.verifiedAt.get(integrationKey(org, policy));
    return at !== undefined && at > notBefore && this.now() - at < this.verifyTtlMs;
  }

  /** JFrog refused a write: whatever was verified for this org is read again. */
  forgetVerified(org: string): void {
    for (const key of this.verifiedAt.keys()) if (key.startsWith(`${org}\u0000`)) this.verifiedAt.delete(key);
  }

  markIntegrationVerified(org: string, policy: Policy): void {
    this.verifiedAt.set(integrationKey(org, policy), this.now());
  }

  /** True the first time a given set of problems is seen for an org, so a burst of jobs reports once. */
  shouldReport(org: string, problems: string): boolean {
    if (this.reported.get(org) === problems) return false;
    this.reported.set(org, problems);
    return true;
  }

  clearReport(org: string): void {
    this.reported.delete(org);
  }
}

/** A verification holds for the provider section and project it was made with. */
function integrationKey(org: string, policy: Policy): string {
  return `${org}\u0000${JSON.stringify([policy.provider, policy.projectKey])}`;
}

export interface OrgGateDeps {
  octokit: ProbotOctokit;
  /** Read only: the gate plans an integration create, apply-org-plan.ts carries it out. */
  jfrog: Pick<IntegrationApi, "getIntegration">;
  /** A dry run reports the org's problems in the log only, never on a check run. */
  dryRun: boolean;
  log: JobLogger;
  memory: OrgMemory;
  /** When the job was asked for: a verification older than that is not trusted for it. */
  requestedAt?: number;
  policyDefaults?: PolicyDefaults;
  /** Read the policy even if one is remembered (an org scan: it re-plans every repository from it). */
  rereadPolicy?: boolean;
}

export async function openOrgGate(deps: OrgGateDeps, org: string): Promise<OrgGate> {
  const loaded = await loadPolicy(deps, org);
  if (loaded.status === "missing") {
    deps.log.info({ org, file: loaded.file }, "no org policy: the app does nothing in this organization");
    return { open: false, why: "no-policy", file: loaded.file, reason: `no policy at ${loaded.file}` };
  }
  if (loaded.status === "invalid") {
    await reportOrgProblems(deps, org, "The JFrog OIDC org policy is invalid", loaded.problems);
    return { open: false, why: "invalid-policy", reason: "the org policy is invalid" };
  }
  const { policy } = loaded;
  // No PR may carry a provider or audience other than the integration's as read for this job's plan.
  if (deps.memory.isIntegrationVerified(org, policy, deps.requestedAt)) {
    // The policy is valid again: a later breakage, even the same one, deserves a new report.
    deps.memory.clearReport(org);
    const provider = policy.provider.name;
    return { open: true, policy, orgPlan: { org, provider, state: "integration-matches", actions: [] } };
  }

  const orgPlan = planOrg({
    org,
    policy,
    integration: await deps.jfrog.getIntegration(policy.provider.name),
  });
  if (orgPlan.state === "refused") {
    const problems = orgPlan.problems.map((message) => ({ file: loaded.file, field: "provider", message }));
    await reportOrgProblems(deps, org, "The JFrog OIDC integration does not match the org policy", problems);
    return {
      open: false,
      why: "integration-mismatch",
      reason: "the JFrog integration does not match the org policy",
      problems: orgPlan.problems,
    };
  }
  // An integration still to be created is verified once apply has created it (apply-org-plan.ts).
  if (orgPlan.state === "integration-matches") deps.memory.markIntegrationVerified(org, policy);
  deps.memory.clearReport(org);
  return { open: true, policy, orgPlan };
}

/**
 * The remembered policy when it is fresh enough for this job; otherwise read (and remembered). A job asked for
 * after the policy was loaded (a push of the policy, a command, a new repository) never uses the older one.
 */
async function loadPolicy(deps: OrgGateDeps, org: string): Promise<OrgPolicyResult> {
  const cached = deps.rereadPolicy ? undefined : deps.memory.cachedPolicy(org, deps.requestedAt);
  if (cached) return cached;
  const readAt = deps.memory.now();
  const loaded = await loadOrgPolicy(deps.octokit, org, deps.policyDefaults);
  deps.memory.rememberPolicy(org, loaded, readAt);
  return loaded;
}

async function reportOrgProblems(deps: OrgGateDeps, org: string, title: string, problems: ConfigProblem[]) {
  deps.log.error({ org, problems }, `${title}: no writes for this organization until it is fixed`);
  if (deps.dryRun || !deps.memory.shouldReport(org, JSON.stringify(problems))) return;
  const repo = { owner: org, repo: ORG_CONFIG_REPO };
  const headSha = await latestCommitTouching(deps.octokit, repo, CONFIG_PATH);
  if (!headSha) return;
  await reportConfigCheckRun(deps.octokit, { repo, headSha, conclusion: "failure", title, problems });
}
