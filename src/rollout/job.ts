/**
 * Jobs are DATA (see ../shared DESIGN.md): a job names the installation, the repository (immutable ids and the name
 * it was last seen under), why it runs, its priority and options. It holds no webhook context, no client and no
 * token, so it can wait in a durable queue for days, survive a restart, and be re-created by a sweep. The worker
 * turns it back into a call with a fresh installation client when it runs (installation tokens live one hour).
 */

import { ORG_CONFIG_REPO } from "../config/load-org-policy.js";
import type { CarriedObservation } from "../reconcile/carried-observation.js";

/** Who is waiting: a command's author first, then an event (a new repository), then the rollout's backfill. */
export type JobPriority = "command" | "event" | "backfill";

/** Lower runs first. */
export const PRIORITY_RANK: Readonly<Record<JobPriority, number>> = { command: 0, event: 1, backfill: 2 };

export interface RepositoryRef {
  owner: string;
  name: string;
  /** Immutable ids, when known (webhooks and org scans know them; a name typed by a person may not). */
  ownerId?: number;
  repoId?: number;
}

/** `owner/name`, as people read a repository. */
export function fullName(ref: RepositoryRef): string {
  return `${ref.owner}/${ref.name}`;
}

interface JobBase {
  installationId: number;
  /** Why it runs, for logs and the dashboard: "repository created", "org policy changed", "sweep"… */
  reason: string;
  priority: JobPriority;
  /** The webhook delivery that caused it, when one did (carried into every log line of the job). */
  deliveryId?: string;
  /**
   * When the work was asked for (clock ms): a JFrog integration verified before then is read again, so no PR
   * carries a provider or audience older than the request (a JFrog admin may have changed it meanwhile).
   */
  requestedAt?: number;
}

/** observe → plan → apply for one repository. */
export interface ReconcileJob extends JobBase {
  kind: "reconcile";
  repository: RepositoryRef;
  /** What a slash-command asked for (see reconcile/plan.ts PlanOptions); background triggers pass none. */
  options?: { reopenDeclined?: boolean; optOut?: "record" | "clear"; uninstalled?: boolean };
  /** What the org scan that queued it observed (plain data), used while fresh (reconcile/carried-observation.ts). */
  observed?: CarriedObservation;
}

/** A slash-command comment someone waits an answer for: never coalesced, answered exactly once. */
export interface CommandJob extends JobBase {
  kind: "command";
  repository: RepositoryRef;
  comment: { id: number; body: string; author: string; issueNumber: number };
  /** Facts of the place the command was given in, as the webhook described them. */
  place: { ownerType: "Organization" | "User"; isPublic: boolean };
}

/** Observe a whole organization in bulk and queue a reconcile job for each repository whose plan has actions. */
export interface OrgScanJob extends JobBase {
  kind: "org-scan";
  org: string;
}

/** The workflow audit of one repository at one commit, reported as a check run (see reconcile/audit-workflows.ts). */
export interface WorkflowAuditJob extends JobBase {
  kind: "workflow-audit";
  repository: RepositoryRef;
  headSha: string;
  /** For a pull request: audited only when it changes a workflow or a local action. */
  pullNumber?: number;
  /** A pull request a bot opened or updated: its head branch (the app's own onboarding PR is not audited). */
  botBranch?: string;
}

/**
 * A pull request that may change a policy: the org policy in the org's `.github` repository, or a repository's own
 * `.github/jfrog-oidc.yml`. Its dry-run plan is reported as a check run on the head commit
 * (see reconcile/preview/preview-pull-request.ts).
 */
export interface PolicyPreviewJob extends JobBase {
  kind: "policy-preview";
  repository: RepositoryRef;
  pullNumber: number;
  headSha: string;
}

/**
 * Render the org's rollout dashboard (an issue of its `.github` repository) and write it if it changed. One per
 * org, coalesced; debounced by the worker (see rollout/dashboard/update-dashboard.ts).
 */
export interface DashboardJob extends JobBase {
  kind: "dashboard";
  /** The org's `.github` repository, where the dashboard issue lives (its owner is the org). */
  repository: RepositoryRef;
}

/**
 * Someone edited the dashboard issue's body (`issues.edited`): the retry boxes an org owner ticked are queued.
 * Carries both bodies as GitHub sent them; the worker compares against the body the app itself last wrote.
 */
export interface DashboardEditJob extends JobBase {
  kind: "dashboard-edit";
  /** The org's `.github` repository, where the dashboard issue lives (its owner is the org). */
  repository: RepositoryRef;
  ownerType: "Organization" | "User";
  issueNumber: number;
  editor: string;
  /** `changes.body.from` */
  previousBody: string;
  body: string;
}

export type Job =
  | ReconcileJob
  | CommandJob
  | OrgScanJob
  | WorkflowAuditJob
  | PolicyPreviewJob
  | DashboardJob
  | DashboardEditJob;

/** The dashboard job of an org (queued after a scan, a give-up or a recovery); backfill, like onboarding. */
export function dashboardJobFor(installationId: number, org: string, reason: string): DashboardJob {
  return {
    kind: "dashboard",
    installationId,
    repository: { owner: org, name: ORG_CONFIG_REPO },
    reason,
    priority: "backfill",
  };
}

/**
 * The key a queue coalesces on: at most one job WAITING and one RUNNING per key. Every job about one repository
 * (reconcile or command) shares the repository's key so they never overlap; ids when known, so a rename between
 * two events still lands on one key. Commands are never coalesced away (each has its own waiting slot), but still
 * never run beside another job of the same repository.
 */
export function jobKey(job: Job): string {
  if (job.kind === "org-scan") return `org:${job.installationId}:${job.org.toLowerCase()}`;
  if (job.kind === "dashboard")
    return `dashboard:${job.installationId}:${job.repository.owner.toLowerCase()}`;
  // Every edit is its own job (two ticks in a row must not coalesce into one); the delivery names it.
  if (job.kind === "dashboard-edit")
    return `dashboard-edit:${job.installationId}:${job.repository.owner.toLowerCase()}:${job.deliveryId ?? job.requestedAt ?? ""}`;
  // One audit per commit (and PR): a push and a PR update are different check runs, never coalesced together.
  if (job.kind === "workflow-audit")
    return `${repositoryJobKey(job.repository)}:audit:${job.headSha}:${job.pullNumber ?? ""}`;
  // One preview per pull request: a newer push replaces the waiting one (its head is the one worth previewing).
  if (job.kind === "policy-preview") return `${repositoryJobKey(job.repository)}:preview:${job.pullNumber}`;
  return repositoryJobKey(job.repository);
}

export function repositoryJobKey(repository: RepositoryRef): string {
  return repository.ownerId !== undefined && repository.repoId !== undefined
    ? `repo:${repository.ownerId}/${repository.repoId}`
    : `repo:${repository.owner}/${repository.name}`.toLowerCase();
}
