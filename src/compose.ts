/**
 * The ONE composition root: production (start.ts), the sandbox (sandbox/app/start-app.ts), the tests
 * (test/app/harness.ts) and the benchmark build the app here, differing only in what they pass in (a clock, a
 * queue, limits). It wires handlers → queue → worker, and owns the background life of the app: readiness, the
 * start-up redelivery and sweep, the interval sweep, and the shutdown drain.
 */
import type { Logger } from "pino";
import type { ApplicationFunction, Probot } from "probot";
import { GITHUB_ISSUER } from "./config/policy-schema.js";
import type { AppDeps } from "./handlers/app-deps.js";
import { createApp } from "./index.js";
import type { MappingApi } from "./reconcile/apply.js";
import { OrgMemory } from "./reconcile/org-gate.js";
import type { IntegrationApi } from "./reconcile/verify-integration.js";
import { systemClock } from "./rollout/clock.js";
import { DashboardMemory } from "./rollout/dashboard/dashboard-issue.js";
import { RolloutStandings } from "./rollout/dashboard/standings.js";
import { FailureRecord } from "./rollout/failures.js";
import { dashboardJobFor } from "./rollout/job.js";
import { Lifecycle } from "./rollout/lifecycle.js";
import { type BudgetLimits, DEFAULT_BUDGET_LIMITS, InMemoryWriteBudget } from "./rollout/memory-budget.js";
import { InMemoryJobQueue } from "./rollout/memory-queue.js";
import type { Clock, JobQueue, WriteBudget } from "./rollout/ports.js";
import { RolloutStateCache } from "./rollout/rollout-state-cache.js";
import { createWorker } from "./rollout/worker.js";

/** Back off across a JFrog or GitHub outage: about 1 h 15 min of retries before a job is given up (and recorded). */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 1_800_000];

export interface ComposeOptions {
  settings: { jfrogUrl: string; dryRun: boolean; githubIssuer?: string };
  jfrog: MappingApi & IntegrationApi & { checkAccess(): Promise<void> };
  log: Logger;
  clock?: Clock;
  /** The in-process queue unless given (a shared durable one with REDIS_URL). */
  queue?: JobQueue;
  budget?: WriteBudget;
  budgetLimits?: BudgetLimits;
  concurrency?: number;
  retryDelaysMs?: readonly number[];
  sweepIntervalMs?: number;
  /** What runs in the background once Probot loads the app: all of it in production; tests choose. */
  background?: { startupChecks?: boolean; redeliver?: boolean; sweep?: boolean };
  /** Start-up found refused credentials (GitHub 401/403): production exits with this code. */
  onFatal?: (code: number) => void;
}

export interface ComposedApp {
  appFn: ApplicationFunction;
  queue: JobQueue;
  budget: WriteBudget;
  failures: FailureRecord;
  lifecycle: Lifecycle;
  /** For `/readyz`: ready once GitHub and JFrog answered; false while either is unreachable at start-up. */
  readiness(): { ready: boolean; reason?: string };
  /** Stop taking work; running jobs get `graceMs` to finish. */
  shutdown(graceMs: number): Promise<void>;
}

export function composeApp(options: ComposeOptions): ComposedApp {
  const clock = options.clock ?? systemClock;
  const failures = new FailureRecord(clock.now);
  const queue =
    options.queue ??
    new InMemoryJobQueue({
      concurrency: options.concurrency ?? 4,
      retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
      clock,
      log: options.log,
      onGiveUp: (job, error) => {
        failures.record(job, error);
        lifecycle.sweepSoon();
        // A repository given up on is listed on the dashboard (with a retry box) at once, not at the next sweep.
        if (job.kind === "reconcile")
          void queue.add(dashboardJobFor(job.installationId, job.repository.owner, "a job was given up"));
      },
    });
  const budget =
    options.budget ?? new InMemoryWriteBudget(clock, options.budgetLimits ?? DEFAULT_BUDGET_LIMITS);
  const rolloutState = new RolloutStateCache(clock.now);
  const dashboard = {
    sources: {
      standings: new RolloutStandings(),
      failures,
      budget,
      budgetLimits: options.budgetLimits ?? DEFAULT_BUDGET_LIMITS,
      now: clock.now,
    },
    memory: new DashboardMemory(),
  };
  const orgMemory = new OrgMemory(undefined, clock.now);
  const deps: AppDeps = { queue, now: clock.now };
  const lifecycle = new Lifecycle({
    clock,
    log: options.log,
    queue,
    jfrog: options.jfrog,
    sweepIntervalMs: options.sweepIntervalMs ?? 6 * 3_600_000,
    background: options.background ?? {},
    ...(options.onFatal && { onFatal: options.onFatal }),
  });

  const appFn: ApplicationFunction = (app: Probot, appOptions) => {
    createApp(deps)(app, appOptions);
    queue.start(
      createWorker({
        auth: (installationId) => app.auth(installationId),
        log: options.log,
        clock,
        budget,
        queue,
        failures,
        rolloutState,
        dashboard,
        reconcile: {
          jfrogUrl: options.settings.jfrogUrl,
          dryRun: options.settings.dryRun,
          // GitHub Enterprise Server's Actions issuer when GHE_HOST is set: the policy's default `provider.issuer`.
          policyDefaults: { issuer: options.settings.githubIssuer ?? GITHUB_ISSUER },
          jfrog: options.jfrog,
          orgMemory,
        },
      }),
    );
    lifecycle.attach(app);
  };

  return {
    appFn,
    queue,
    budget,
    failures,
    lifecycle,
    readiness: () => lifecycle.readiness(),
    shutdown: (graceMs) => lifecycle.shutdown(graceMs),
  };
}
