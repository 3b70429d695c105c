/**
 * The rollout's ports. Each has an in-process implementation (the embedded default) and, with REDIS_URL, a shared
 * durable one; both pass the same contract tests. Nothing above this layer knows which one runs.
 */
import type { Job, JobPriority } from "./job.js";

/** One clock for the budget, the retries and the sweep, so tests and the benchmark can run hours in minutes. */
export interface Clock {
  now(): number;
  /** Calls `fn` once `ms` of this clock's time have passed. */
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

/**
 * What the worker says about a job it ran:
 * - `done`: finished (successfully, or skipped for a reason it logged);
 * - `deferred`: not run yet, and NOT a failed attempt: the content budget is spent or GitHub/JFrog said how long to
 *   wait (a rate-limit answer is never a failure). The queue holds the job until `untilMs` (clock time).
 * Throwing means the attempt failed: the queue retries with back-off and, once given up, hands it to `onGiveUp`.
 */
export type JobOutcome = { status: "done" } | { status: "deferred"; untilMs: number; reason: string };

export interface JobMeta {
  /** 1 for the first try; deferrals do not count. */
  attempt: number;
}

export type JobHandler = (job: Job, meta: JobMeta) => Promise<JobOutcome>;

export interface QueueCounts {
  waiting: number;
  running: number;
  /** Deferred or waiting to retry. */
  delayed: number;
}

export interface JobQueue {
  /**
   * Accepts work. Coalesces on `jobKey`: a job added while another with the same key waits replaces the waiting
   * one's data (the newest payload wins; the higher priority and the earlier due time are kept); added while one
   * runs, it waits and runs once after it. Command jobs are never replaced. Resolves once the job is accepted
   * (durably, for a durable queue).
   */
  add(job: Job): Promise<void>;
  /** Begins handing due jobs to `handler`, highest priority first, at most `concurrency` at a time. */
  start(handler: JobHandler): void;
  /**
   * Stops taking work, lets running jobs finish for up to `graceMs`, then resolves. A durable queue hands
   * unfinished jobs back for the next start; the in-process queue loses them to the start-up sweep.
   */
  stop(graceMs: number): Promise<void>;
  counts(installationId?: number): Promise<QueueCounts>;
}

export type Reservation = { granted: true } | { granted: false; retryAtMs: number };

/**
 * GitHub's content budget, one per installation (80 content writes a minute, 500 an hour, less a headroom), shared
 * by EVERY write the app makes. A job reserves the writes its plan will make before its first write; the JFrog
 * mapping is written only after the PR's writes are reserved. Backfill may not dip into the headroom kept for
 * events and commands, so someone waiting is served first.
 */
export interface WriteBudget {
  reserve(installationId: number, writes: number, priority: JobPriority): Promise<Reservation>;
  /**
   * One reserved write is being sent now. GitHub counts a write when it arrives, not when the app reserved it, so
   * the oldest reserved-but-unsent write of the installation is counted from now on (a job's writes may go out
   * well after its reservation: counting them from the reservation lets the next window open too early). A
   * reservation never sent still ages out from when it was made.
   */
  sent(installationId: number): Promise<void>;
  /** Writes left now in the tighter window, for the dashboard's ETA and the metrics. */
  remaining(installationId: number): Promise<{ perMinute: number; perHour: number }>;
}
