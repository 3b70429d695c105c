/**
 * The ONE composition root: production (start.ts), the sandbox (sandbox/app/start-app.ts, which the e2e tests
 * also run on the emulators) and the benchmark build the app here, differing only in what they pass in (a clock, a
 * queue, limits). It wires handlers → queue → worker, and owns the background life of the app: readiness, the
 * start-up redelivery and sweep, the interval sweep, and the shutdown drain.
 */
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ApplicationFunction, ApplicationFunctionOptions, Probot } from "probot";
import { runCommandJob } from "./commands/command-job.js";
import { GITHUB_ISSUER } from "./config/policy-schema.js";
import { ownBotLogin } from "./github/own-bot-login.js";
import type { AppDeps } from "./handlers/app-deps.js";
import { createApp } from "./index.js";
import type { MappingApi } from "./jfrog/mapping-api.js";
import { JFrogTokenWatch } from "./ops/jfrog-token-watch.js";
import { Metrics } from "./ops/metrics.js";
import { createOpsHandler, type OpsHandler } from "./ops/ops-handler.js";
import type { Readiness } from "./ops/readiness.js";
import { pingRedis } from "./ops/redis-health.js";
import { countingGitHubErrors, countingJFrogErrors } from "./ops/upstream-errors.js";
import { OrgMemory } from "./reconcile/org-gate.js";
import type { IntegrationApi } from "./reconcile/verify-integration.js";
import { systemClock } from "./rollout/clock.js";
import { AuditStandings, type AuditStore } from "./rollout/dashboard/audit-standings.js";
import { DashboardMemory, type DashboardNotes } from "./rollout/dashboard/dashboard-issue.js";
import { RolloutStandings, type StandingsStore } from "./rollout/dashboard/standings.js";
import { FailureRecord } from "./rollout/failures.js";
import { dashboardJobFor, type Job } from "./rollout/job.js";
import { Lifecycle } from "./rollout/lifecycle.js";
import { type BudgetLimits, DEFAULT_BUDGET_LIMITS, InMemoryWriteBudget } from "./rollout/memory-budget.js";
import { InMemoryJobQueue } from "./rollout/memory-queue.js";
import type { OrgScanResult } from "./rollout/org-scan.js";
import type { Clock, JobQueue, WriteBudget } from "./rollout/ports.js";
import { RedisLeases } from "./rollout/redis/lease.js";
import { RedisAuditStandings } from "./rollout/redis/redis-audit-standings.js";
import { RedisDashboardNotes } from "./rollout/redis/redis-dashboard-notes.js";
import { RedisJobQueue } from "./rollout/redis/redis-job-queue.js";
import { RedisStandings } from "./rollout/redis/redis-standings.js";
import { RedisWriteBudget } from "./rollout/redis/redis-write-budget.js";
import { RolloutStateCache } from "./rollout/rollout-state-cache.js";
import { createWorker } from "./rollout/worker.js";

/** Back off across a JFrog or GitHub outage: about 1 h 15 min of retries before a job is given up (and recorded). */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 1_800_000];

export interface ComposeOptions {
  settings: { jfrogUrl: string; dryRun: boolean; githubIssuer?: string };
  jfrog: MappingApi & IntegrationApi & { checkAccess(): Promise<void> };
  log: Logger;
  clock?: Clock;
  /**
   * Scale-out (REDIS_URL): the queue, the budget, the sweep's lease and the dashboard's standings and notes live
   * in this Redis, shared with every replica. The composed app owns the connection from here on: `shutdown` closes it.
   */
  redis?: { connection: Redis; prefix?: string; lockMs?: number; lockRetryMs?: number };
  /** The in-process queue unless given (or the Redis one with `redis`). */
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
  /** A registry of its own unless given. */
  metrics?: Metrics;
  /** Re-check the JFrog token daily (production): writes stop while it is expired or refused. */
  tokenWatch?: { token: () => string; intervalMs?: number };
}

export interface ComposedApp {
  appFn: ApplicationFunction;
  queue: JobQueue;
  budget: WriteBudget;
  failures: FailureRecord;
  lifecycle: Lifecycle;
  metrics: Metrics;
  tokenWatch: JFrogTokenWatch | undefined;
  /** What the dashboard and `/jfrog-oidc rollout status` are rendered from (in Redis mode, shared by replicas). */
  dashboardState: { standings: StandingsStore; notes: DashboardNotes; audits: AuditStore };
  /** For `/readyz`: ready once GitHub and JFrog answered; false while either is unreachable at start-up. */
  readiness(): { ready: boolean; reason?: string };
  /** Stop taking work; running jobs get `graceMs` to finish. */
  shutdown(graceMs: number): Promise<void>;
}

export function composeApp(options: ComposeOptions): ComposedApp {
  const clock = options.clock ?? systemClock;
  const failures = new FailureRecord(clock.now);
  const metrics = options.metrics ?? new Metrics();
  const onGiveUp = (job: Job, error: unknown) => {
    failures.record(job, error);
    if (job.kind === "reconcile") metrics.reconciled("given-up");
    lifecycle.sweepSoon();
    // A repository given up on is listed on the dashboard (with a retry box) at once, not at the next sweep.
    if (job.kind === "reconcile")
      void queue.add(dashboardJobFor(job.installationId, job.repository.owner, "a job was given up"));
  };
  const queueOptions = {
    concurrency: options.concurrency ?? 4,
    retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
    log: options.log,
    onGiveUp,
  };
  const { redis } = options;
  const prefix = redis?.prefix ?? "jfrog-oidc-rollout";
  const queue =
    options.queue ??
    (redis
      ? new RedisJobQueue({
          ...queueOptions,
          connection: redis.connection,
          prefix,
          ...(redis.lockMs !== undefined && { lockMs: redis.lockMs }),
          ...(redis.lockRetryMs !== undefined && { lockRetryMs: redis.lockRetryMs }),
        })
      : new InMemoryJobQueue({ ...queueOptions, clock }));
  const limits = options.budgetLimits ?? DEFAULT_BUDGET_LIMITS;
  const budget =
    options.budget ??
    (redis
      ? new RedisWriteBudget(redis.connection, clock, limits, `${prefix}:budget:`)
      : new InMemoryWriteBudget(clock, limits));
  const leases = redis && new RedisLeases(redis.connection, `${prefix}:lease:`);
  const jfrog = countingJFrogErrors(options.jfrog, metrics);
  const tokenWatch =
    options.tokenWatch &&
    new JFrogTokenWatch({
      clock,
      token: options.tokenWatch.token,
      checkAccess: () => jfrog.checkAccess(),
      metrics,
      log: options.log,
      ...(options.tokenWatch.intervalMs !== undefined && { intervalMs: options.tokenWatch.intervalMs }),
    });
  /** The installations the scrape reports queue and budget figures for: every one a job has run for. */
  const installations = new Set<number>();
  metrics.watch({ installations: () => installations, queue, budget, redisBacked: redis !== undefined });
  const rolloutState = new RolloutStateCache(clock.now);
  const dashboard = {
    sources: {
      // With Redis one copy for every replica: each renders the same dashboard and rollout status.
      standings: redis
        ? new RedisStandings(redis.connection, `${prefix}:standings:`, options.log)
        : new RolloutStandings(),
      audits: redis
        ? new RedisAuditStandings(redis.connection, `${prefix}:audits:`, options.log)
        : new AuditStandings(),
      failures,
      budget,
      budgetLimits: options.budgetLimits ?? DEFAULT_BUDGET_LIMITS,
      now: clock.now,
      ...(tokenWatch && { writesStopped: () => tokenWatch.writesStopped() }),
    },
    memory: redis ? new RedisDashboardNotes(redis.connection, `${prefix}:dashboard:`) : new DashboardMemory(),
  };
  const orgMemory = new OrgMemory(undefined, clock.now);
  const sweepIntervalMs = options.sweepIntervalMs ?? 6 * 3_600_000;
  const deps: AppDeps = { queue, now: clock.now, metrics };
  const lifecycle = new Lifecycle({
    clock,
    log: options.log,
    queue,
    jfrog,
    sweepIntervalMs,
    background: options.background ?? {},
    ...(options.onFatal && { onFatal: options.onFatal }),
    ...(leases && { once: leases.runOncePerInterval.bind(leases) }),
  });
  const readiness = async (): Promise<Readiness> => {
    const { ready, reason } = lifecycle.readiness();
    const reasons = reason ? [reason] : [];
    if (!redis) return { ready, reasons };
    const health = await pingRedis(redis.connection);
    metrics.redisUp(health.ok);
    if (health.reason) reasons.push(health.reason);
    return { ready: ready && health.ok, reasons };
  };
  if (redis) {
    // Between scrapes of /readyz too: the metric follows the connection itself.
    metrics.redisUp(redis.connection.status === "ready");
    redis.connection.on("ready", () => metrics.redisUp(true));
    redis.connection.on("close", () => metrics.redisUp(false));
  }

  const appFn: ApplicationFunction = (app: Probot, appOptions) => {
    mountOps(appOptions, createOpsHandler({ metrics, readiness }));
    const ownLogin = ownBotLogin(() => app.auth());
    createApp({ ...deps, ownBotLogin: ownLogin })(app, appOptions);
    const worker = createWorker({
      auth: async (installationId) => countingGitHubErrors(await app.auth(installationId), metrics),
      log: options.log,
      clock,
      budget,
      queue,
      failures,
      rolloutState,
      dashboard,
      runCommand: runCommandJob,
      ownBotLogin: ownLogin,
      maxAttempts: queueOptions.retryDelaysMs.length + 1,
      reconcile: {
        jfrogUrl: options.settings.jfrogUrl,
        dryRun: options.settings.dryRun,
        // GitHub Enterprise Server's Actions issuer when GHE_HOST is set: the policy's default `provider.issuer`.
        policyDefaults: { issuer: options.settings.githubIssuer ?? GITHUB_ISSUER },
        jfrog,
        orgMemory,
      },
      // Each sweep's scan replaces the observation a waiting job carries; the margin covers the scan itself.
      carriedObservationMaxAgeMs: sweepIntervalMs + 30 * 60_000,
      ...(tokenWatch && { writesStopped: () => tokenWatch.writesStopped() }),
      onOrgScan: (result) => metrics.repositoriesByState(repositoriesByState(result)),
    });
    queue.start(async (job, meta) => {
      installations.add(job.installationId);
      try {
        const outcome = await worker(job, meta);
        if (job.kind === "reconcile") metrics.reconciled(outcome.status);
        return outcome;
      } catch (error) {
        if (job.kind === "reconcile") metrics.reconciled("failed");
        throw error;
      }
    });
    lifecycle.attach(app);
    void tokenWatch?.start().catch((error: unknown) => {
      options.log.error({ err: String(error) }, "JFrog token check failed; will check again");
    });
  };

  return {
    appFn,
    queue,
    budget,
    failures,
    lifecycle,
    metrics,
    tokenWatch,
    dashboardState: {
      standings: dashboard.sources.standings,
      notes: dashboard.memory,
      audits: dashboard.sources.audits,
    },
    readiness: () => lifecycle.readiness(),
    shutdown: async (graceMs) => {
      tokenWatch?.stop();
      await lifecycle.shutdown(graceMs);
      // After the queue stopped: its worker and the budget use the connection until then. A QUIT waits for Redis,
      // which may be gone (the queue's stop says so): at most a moment, then the socket is simply dropped.
      if (redis) await closeRedis(redis.connection);
    },
  };
}

/**
 * /healthz, /readyz and /metrics on the webhook server's port. Without a server (`probot.load` in tests) Probot's
 * `addHandler` throws "No server instance": there is nothing to mount them on, and the app runs without them.
 */
function mountOps(appOptions: ApplicationFunctionOptions | undefined, handler: OpsHandler): void {
  try {
    appOptions?.addHandler?.(handler);
  } catch (error) {
    if (!(error instanceof Error && /no server/i.test(error.message))) throw error;
  }
}

/** QUIT (Redis answers it once pending replies are sent), or drop the connection when Redis does not answer. */
async function closeRedis(connection: Redis, quitMs = 500): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, quitMs);
  });
  await Promise.race([connection.quit().catch(() => {}), bound]);
  clearTimeout(timer);
  connection.disconnect();
}

/** An org scan's counts, by the state each repository is in as of it. */
function repositoriesByState(result: OrgScanResult): Record<string, number> {
  const { observed, queued, awaitingConsent } = result;
  return {
    queued,
    "awaiting-consent": awaitingConsent,
    "in-step": Math.max(0, observed - queued - awaitingConsent),
  };
}
