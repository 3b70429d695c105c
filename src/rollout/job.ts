/**
 * Jobs are DATA (see ../shared DESIGN.md): a job names the installation, the repository (immutable ids and the name
 * it was last seen under), why it runs, its priority and options. It holds no webhook context, no client and no
 * token, so it can wait in a durable queue for days, survive a restart, and be re-created by a sweep. The worker
 * turns it back into a call with a fresh installation client when it runs (installation tokens live one hour).
 */

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

export type Job = ReconcileJob | CommandJob | OrgScanJob | WorkflowAuditJob;

/**
 * The key a queue coalesces on: at most one job WAITING and one RUNNING per key. Every job about one repository
 * (reconcile or command) shares the repository's key so they never overlap; ids when known, so a rename between
 * two events still lands on one key. Commands are never coalesced away (each has its own waiting slot), but still
 * never run beside another job of the same repository.
 */
export function jobKey(job: Job): string {
  if (job.kind === "org-scan") return `org:${job.installationId}:${job.org.toLowerCase()}`;
  // One audit per commit (and PR): a push and a PR update are different check runs, never coalesced together.
  if (job.kind === "workflow-audit")
    return `${repositoryJobKey(job.repository)}:audit:${job.headSha}:${job.pullNumber ?? ""}`;
  return repositoryJobKey(job.repository);
}

export function repositoryJobKey(repository: RepositoryRef): string {
  return repository.ownerId !== undefined && repository.repoId !== undefined
    ? `repo:${repository.ownerId}/${repository.repoId}`
    : `repo:${repository.owner}/${repository.name}`.toLowerCase();
}
