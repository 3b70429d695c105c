/**
 * In-process work queue keyed by repository.
 *
 * - Webhook handlers only enqueue, so GitHub gets its answer at once (it expects one within 10 s).
 * - Jobs for the same key coalesce: a job waiting to start is replaced by the newer one (fresher token and
 *   payload); a job arriving while one runs is run once after it.
 * - One job per key at a time; at most `concurrency` jobs overall.
 * - A failed job is retried after each of `retryDelaysMs` (or later, when the service said how long to wait);
 *   when those run out the failure is logged at error level with the key and the last error, and handed to
 *   `onGiveUp` when one is given.
 * - Command jobs (`enqueueCommand`, a slash-command someone waits for) are the exception to coalescing: each runs
 *   exactly once, in arrival order, ahead of the key's background work, and is never retried here (it replies
 *   with its own failure). They still hold the key while they run, so a command and a reconcile of the same
 *   repository never overlap.
 */
import type { JobLogger } from "../reconcile/job-logger.js";
import { retryAfterMs } from "./retry-after.js";

export type Job = () => Promise<void>;

/** The queue key of a repository: its immutable ids, so a rename between two events still lands on one key. */
export function repositoryKey(ids: { ownerId: number; repoId: number }): string {
  return `${ids.ownerId}/${ids.repoId}`;
}

export interface QueueOptions {
  concurrency: number;
  retryDelaysMs: readonly number[];
  log: JobLogger;
  onGiveUp?: (key: string, error: unknown) => void;
  /** Injectable so tests and benchmarks can drive time. */
  setTimer?: (fn: () => void, ms: number) => { cancel(): void };
  now?: () => number;
}

interface Entry {
  job: Job;
  attempt: number;
  /** What people call the repository (`owner/name`), for the log; the key is ids. */
  label: string;
}

const realTimer = (fn: () => void, ms: number) => {
  const handle = setTimeout(fn, ms);
  handle.unref?.();
  return { cancel: () => clearTimeout(handle) };
};

export class RepositoryQueue {
  private readonly ready = new Map<string, Entry>();
  private readonly running = new Map<string, Entry | null>();
  private readonly waiting = new Map<string, { entry: Entry; timer: { cancel(): void } }>();
  /** Command jobs per key, in arrival order: never coalesced, never dropped. */
  private readonly commands = new Map<string, Job[]>();
  private idleWaiters: Array<() => void> = [];
  private settledWaiters: Array<() => void> = [];
  private readonly setTimer: NonNullable<QueueOptions["setTimer"]>;

  constructor(private readonly options: QueueOptions) {
    this.setTimer = options.setTimer ?? realTimer;
  }

  enqueue(key: string, job: Job, label: string = key): void {
    const entry: Entry = { job, attempt: 0, label };
    if (this.running.has(key)) {
      this.running.set(key, entry); // run once more after the current job, with the newest payload
      return;
    }
    const retry = this.waiting.get(key);
    if (retry) {
      // New work for a repository waiting to retry: run now rather than after the back-off.
      retry.timer.cancel();
      this.waiting.delete(key);
    }
    this.ready.set(key, entry);
    this.pump();
  }

  /**
   * A job that must run exactly once, e.g. a slash-command that owes its author a reply. Unlike `enqueue`, a later
   * job for the same key never replaces it; it runs before the key's queued background work, one at a time per key,
   * and a failure is logged and handed to `onGiveUp` rather than retried (a command reports its own failures).
   */
  enqueueCommand(key: string, job: Job): void {
    const pending = this.commands.get(key);
    if (pending) pending.push(job);
    else this.commands.set(key, [job]);
    this.pump();
  }

  get size(): { ready: number; running: number; waiting: number } {
    return { ready: this.ready.size, running: this.running.size, waiting: this.waiting.size };
  }

  /** Resolves when nothing is queued, running or waiting to retry. */
  onIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when nothing is queued or running; jobs waiting to retry may remain. */
  onSettled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private isSettled(): boolean {
    return this.ready.size === 0 && this.running.size === 0 && this.commands.size === 0;
  }

  private isIdle(): boolean {
    return this.isSettled() && this.waiting.size === 0;
  }

  private pump(): void {
    // Someone is waiting for a command's reply: commands take free slots before background work.
    for (const [key, jobs] of this.commands) {
      if (this.running.size >= this.options.concurrency) break;
      if (this.running.has(key)) continue;
      const job = jobs.shift();
      if (jobs.length === 0) this.commands.delete(key);
      if (!job) continue;
      this.running.set(key, null);
      void this.runCommand(key, job);
    }
    for (const [key, entry] of this.ready) {
      if (this.running.size >= this.options.concurrency) break;
      if (this.running.has(key)) continue;
      this.ready.delete(key);
      this.running.set(key, null);
      void this.run(key, entry);
    }
    if (this.isSettled()) this.settledWaiters = resolveAll(this.settledWaiters);
    if (this.isIdle()) this.idleWaiters = resolveAll(this.idleWaiters);
  }

  private async run(key: string, entry: Entry): Promise<void> {
    try {
      await entry.job();
    } catch (error) {
      this.retryOrGiveUp(key, entry, error);
    }
    this.release(key);
  }

  private async runCommand(key: string, job: Job): Promise<void> {
    try {
      await job();
    } catch (error) {
      this.options.log.error(
        { key, err: errorMessage(error) },
        "command job failed; commands are not retried",
      );
      this.options.onGiveUp?.(key, error);
    }
    this.release(key);
  }

  /** The key's job is done: work that arrived for it meanwhile runs next, and free slots are filled. */
  private release(key: string): void {
    const next = this.running.get(key);
    this.running.delete(key);
    if (next) this.enqueue(key, next.job, next.label);
    else this.pump();
  }

  private retryOrGiveUp(key: string, entry: Entry, error: unknown): void {
    if (this.running.get(key)) return; // newer work is queued behind this job: it runs next anyway
    const message = errorMessage(error);
    const backoff = this.options.retryDelaysMs[entry.attempt];
    const delay =
      backoff === undefined
        ? undefined
        : Math.max(backoff, retryAfterMs(error, (this.options.now ?? Date.now)()) ?? 0);
    if (delay === undefined) {
      this.options.log.error(
        { key, repository: entry.label, attempts: entry.attempt + 1, err: message },
        "repository job failed and will not be retried; it runs again on the repository's next event",
      );
      this.options.onGiveUp?.(key, error);
      return;
    }
    this.options.log.warn(
      { key, repository: entry.label, attempt: entry.attempt + 1, retryInMs: delay, err: message },
      "repository job failed; retrying",
    );
    const retry: Entry = { ...entry, attempt: entry.attempt + 1 };
    const timer = this.setTimer(() => {
      this.waiting.delete(key);
      if (this.running.has(key)) this.running.set(key, this.running.get(key) ?? retry);
      else this.ready.set(key, retry);
      this.pump();
    }, delay);
    this.waiting.set(key, { entry: retry, timer });
  }
}

function resolveAll(waiters: ReadonlyArray<() => void>): Array<() => void> {
  for (const resolve of waiters) resolve();
  return [];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
