/**
 * The worker turns a job (data) back into a call: a FRESH installation client each time it runs (installation
 * tokens live an hour, a rollout lasts days), a logger carrying the delivery, installation, repository and job
 * kind, and a write ledger that takes every GitHub write out of the installation's content budget.
 *
 * Outcomes: `done`; `deferred` when the budget is spent or GitHub/JFrog answered with a rate limit (never a failed
 * attempt); a throw for anything else (the queue retries with back-off, then records the give-up).
 */
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import { auditWorkflowsAtCommit } from "../reconcile/audit-workflows.js";
import { reportPreviewFailure } from "../reconcile/preview/preview-failure.js";
import { previewPolicyChange } from "../reconcile/preview/preview-pull-request.js";
import type { ReconcileDeps } from "../reconcile/reconcile-repository.js";
import { reconcileRepository } from "../reconcile/reconcile-repository.js";
import { countWrites } from "./count-writes.js";
import type { DashboardNotes } from "./dashboard/dashboard-issue.js";
import type { SummarySources } from "./dashboard/org-summary.js";
import { retryFromDashboard } from "./dashboard/retry-from-dashboard.js";
import { type Standing, standingOf } from "./dashboard/standings.js";
import { updateDashboard } from "./dashboard/update-dashboard.js";
import { asDeferral } from "./deferral.js";
import type { FailureRecord } from "./failures.js";
import { type CommandJob, dashboardJobFor, type Job, type ReconcileJob } from "./job.js";
import { type OrgScanResult, scanOrganization } from "./org-scan.js";
import type { Clock, JobHandler, JobOutcome, JobQueue, WriteBudget } from "./ports.js";
import type { RolloutStateCache } from "./rollout-state-cache.js";
import { WriteLedger } from "./write-ledger.js";

/** What a command job runs with: the reconcile path, the queue, the rollout's state and the dashboard's sources. */
export interface CommandJobDeps {
  reconcile: ReconcileDeps;
  queue: Pick<JobQueue, "add">;
  rolloutState: RolloutStateCache;
  /** What `/jfrog-oidc rollout status` summarizes: the dashboard's own sources. */
  summarySources?: SummarySources;
  /** The app's own bot login (`<slug>[bot]`): only its replies count as answers (undefined: could not be read). */
  ownBotLogin: () => Promise<string | undefined>;
  now: () => number;
}

/**
 * Runs a command job (commands/command-job.ts): commands/ sits above rollout/, so the composition root passes it
 * in. `reserve` takes writes out of the installation's content budget before the runner writes anything.
 */
export type CommandRunner = (
  job: CommandJob,
  deps: CommandJobDeps,
  reserve: (writes: number) => Promise<void>,
) => Promise<void>;

export interface WorkerDeps {
  /** A new installation client (Probot: `app.auth(installationId)`). */
  auth(installationId: number): Promise<ProbotOctokit>;
  log: Logger;
  clock: Clock;
  budget: WriteBudget;
  queue: Pick<JobQueue, "add">;
  failures: FailureRecord;
  rolloutState: RolloutStateCache;
  reconcile: Omit<ReconcileDeps, "octokit" | "log">;
  /** The rollout dashboard: what it summarizes (standings, failures, budget) and which issue it is. */
  dashboard: { sources: SummarySources; memory: DashboardNotes };
  runCommand: CommandRunner;
  /** The app's own bot login (github/own-bot-login.ts), for the commands' answered-already check. */
  ownBotLogin: () => Promise<string | undefined>;
  /** Set while the JFrog token cannot write (ops/jfrog-token-watch.ts): reconciles wait, they do not fail. */
  writesStopped?: () => { report: string } | undefined;
  /**
   * How long an org scan's observation, carried by the backfill jobs it queues, stands in for reading the
   * repository again (reconcile/carried-observation.ts). About one sweep interval: each sweep replaces it.
   */
  carriedObservationMaxAgeMs: number;
  /** The queue's last attempt at a job (its retry delays + 1): a policy preview failing then says so on the PR. */
  maxAttempts: number;
  /** Each org scan's result, for the metrics of repositories by rollout state. */
  onOrgScan?: (result: OrgScanResult) => void;
}

/** While writes are stopped, a reconcile looks again this much later (the token watch resumes writes). */
export const WRITES_STOPPED_RETRY_MS = 15 * 60_000;

export function createWorker(deps: WorkerDeps): JobHandler {
  /**
   * installation → until when its backfill waits: once one backfill job was refused (budget spent, rate limited),
   * the others of that installation wait without observing anything first, so a long backfill does not spend
   * GitHub reads on jobs that cannot write. Events and commands are not held: they have the headroom.
   */
  const backfillHeldUntil = new Map<number, number>();
  return async (job, meta) => {
    const now = deps.clock.now();
    const held = backfillHeldUntil.get(job.installationId) ?? 0;
    if (job.priority === "backfill" && job.kind === "reconcile" && held > now)
      return { status: "deferred", untilMs: held, reason: "backfill waits for the content budget" };
    const log = deps.log.child(logFields(job, meta.attempt));
    const stopped = job.kind === "reconcile" ? deps.writesStopped?.() : undefined;
    if (stopped) {
      log.warn({ why: stopped.report }, "job deferred: writes are stopped");
      return { status: "deferred", untilMs: now + WRITES_STOPPED_RETRY_MS, reason: stopped.report };
    }
    try {
      const outcome = await run(deps, job, log, meta.attempt);
      // A repository that had given up is off the dashboard's failing list now: show it.
      if (deps.failures.clear(job) && job.kind === "reconcile")
        await deps.queue.add(
          dashboardJobFor(job.installationId, job.repository.owner, "a failing job recovered"),
        );
      return outcome;
    } catch (error) {
      const deferral = asDeferral(error, deps.clock.now());
      if (!deferral) throw error;
      if (job.priority === "backfill") backfillHeldUntil.set(job.installationId, deferral.untilMs);
      log.info({ untilMs: deferral.untilMs, why: deferral.reason }, "job deferred");
      return { status: "deferred", untilMs: deferral.untilMs, reason: deferral.reason };
    }
  };
}

async function run(deps: WorkerDeps, job: Job, log: Logger, attempt: number): Promise<JobOutcome> {
  const octokit = await deps.auth(job.installationId);
  const ledger = new WriteLedger({
    budget: deps.budget,
    clock: deps.clock,
    installationId: job.installationId,
    priority: job.priority,
    waitWhenRefused: job.kind === "command",
  });
  ledger.attach(octokit);
  const reconcile: ReconcileDeps = {
    ...deps.reconcile,
    octokit,
    log,
    ...(job.requestedAt !== undefined && { requestedAt: job.requestedAt }),
  };
  switch (job.kind) {
    case "reconcile": {
      if (job.priority === "backfill" && (await deps.rolloutState.isPaused(octokit, job.repository.owner))) {
        log.info("rollout paused: backfill job dropped; resuming re-scans the organization");
        return { status: "done" };
      }
      const outcome = await reconcileRepository(reconcile, target(job), {
        ...job.options,
        // A retry observes again: the failure may come from a change the scan could not see.
        ...(job.observed &&
          attempt === 1 && {
            carried: { observation: job.observed, maxAgeMs: deps.carriedObservationMaxAgeMs },
          }),
        beforeApply: (plan, headSha) => ledger.reserveUpfront(countWrites(plan, headSha !== null), "plan"),
      });
      if (outcome.status === "planned" && outcome.observed) {
        const { repo } = outcome.observed;
        const ref = { owner: repo.owner, name: repo.name, ownerId: repo.ownerId, repoId: repo.id };
        const standing = standingOf(ref, outcome.plan, repo.visibility === "public", !outcome.dryRun);
        if (await deps.dashboard.sources.standings.update(standing))
          await deps.queue.add(
            dashboardJobFor(job.installationId, repo.owner, "a repository's state changed"),
          );
      }
      return { status: "done" };
    }
    case "org-scan": {
      const standings: Standing[] = [];
      const audits = deps.dashboard.sources.audits;
      const result = await scanOrganization(
        {
          ...reconcile,
          queue: deps.queue,
          ...(audits && { onIntegrationAudit: (audit) => audits.recordIntegration(job.org, audit) }),
          onPlanned: (repo, plan) =>
            standings.push(
              standingOf(
                { owner: repo.owner, name: repo.name, ownerId: repo.ownerId, repoId: repo.id },
                plan,
                repo.visibility === "public",
                false,
              ),
            ),
        },
        job,
      );
      if (result) deps.onOrgScan?.(result);
      if (result) {
        await deps.dashboard.sources.standings.replace(job.org, {
          policyConsent: result.policyConsent,
          at: deps.clock.now(),
          standings,
        });
        await deps.queue.add(dashboardJobFor(job.installationId, job.org, "org scanned"));
      }
      return { status: "done" };
    }
    case "dashboard":
      return updateDashboard({ octokit, log, ...deps.dashboard, dryRun: deps.reconcile.dryRun }, job);
    case "dashboard-edit":
      return retryFromDashboard({ octokit, log, memory: deps.dashboard.memory, queue: deps.queue }, job);
    case "workflow-audit": {
      await auditWorkflowsAtCommit(
        octokit,
        log,
        {
          repo: { owner: job.repository.owner, repo: job.repository.name },
          headSha: job.headSha,
          ...(job.pullNumber !== undefined && { pullNumber: job.pullNumber }),
          ...(job.botBranch !== undefined && { botBranch: job.botBranch }),
        },
        {
          reserve: (writes, what) => ledger.reserveUpfront(writes, what),
          onDefaultBranchAudit: async (findings, unreadable) => {
            if (
              await deps.dashboard.sources.audits?.recordWorkflows(
                job.repository,
                findings,
                unreadable.length,
              )
            )
              await deps.queue.add(
                dashboardJobFor(
                  job.installationId,
                  job.repository.owner,
                  "a repository's workflow findings changed",
                ),
              );
          },
        },
      );
      return { status: "done" };
    }
    case "policy-preview": {
      const reserve = (writes: number) => ledger.reserveUpfront(writes, "policy preview check run");
      const repo = { owner: job.repository.owner, repo: job.repository.name };
      try {
        await previewPolicyChange(
          { ...reconcile, reserve },
          { repo, pullNumber: job.pullNumber, headSha: job.headSha },
        );
      } catch (error) {
        // The queue gives up after this attempt: fail the PR's check visibly (fail closed), never leave it without
        // one. A deferral is no failed attempt; the error still goes to the queue, which records the give-up.
        if (attempt >= deps.maxAttempts && !asDeferral(error, deps.clock.now()))
          await reportPreviewFailure(
            { octokit, reserve },
            { repo, headSha: job.headSha },
            error,
            job.deliveryId,
          ).catch((reportError: unknown) => {
            // Budget spent or rate limited: defer (no attempt counted), so this last attempt runs again and reports.
            if (asDeferral(reportError, deps.clock.now())) throw reportError;
            log.error(
              { err: reportError },
              "the failed policy preview could not be reported on the pull request",
            );
          });
        throw error;
      }
      return { status: "done" };
    }
    case "command":
      await deps.runCommand(
        job,
        {
          reconcile,
          queue: deps.queue,
          rolloutState: deps.rolloutState,
          summarySources: deps.dashboard.sources,
          ownBotLogin: deps.ownBotLogin,
          now: deps.clock.now,
        },
        (writes) => ledger.reserveUpfront(writes, "command replies"),
      );
      return { status: "done" };
  }
}

function target(job: ReconcileJob) {
  const { owner, name, ownerId, repoId } = job.repository;
  return {
    owner,
    name,
    ...(ownerId !== undefined && repoId !== undefined && { ids: { ownerId, repoId } }),
  };
}

function logFields(job: Job, attempt: number): Record<string, unknown> {
  return {
    ...(job.deliveryId && { id: job.deliveryId }),
    installation: job.installationId,
    job: job.kind,
    reason: job.reason,
    attempt,
    ...(job.kind === "org-scan"
      ? { org: job.org }
      : { repository: `${job.repository.owner}/${job.repository.name}` }),
  };
}
