/**
 * The in-process job queue (see ports.ts `JobQueue`), the embedded default.
 *
 * - Coalesces on `jobKey`: per key at most one job waiting and one running; a job added while one waits replaces
 *   its data (newest payload) keeping the higher priority and the earlier due time; commands are never replaced.
 * - Hands due jobs out highest priority first (command > event > backfill), then in arrival order, at most
 *   `concurrency` at a time, never two of one key at once.
 * - `deferred` (budget spent, rate limited): held until `untilMs`, the attempt is NOT counted.
 * - A throw is a failed attempt: retried after each of `retryDelaysMs` (or later, when the service said how long
 *   to wait), then given up: logged at error level and handed to `onGiveUp`, which records it where the
 *   dashboard and the sweep find it. Commands are not retried (they reply with their own failure).
 * - Lost on restart by design: the start-up sweep re-observes GitHub and JFrog and re-creates the work.
 */
import type { JobLogger } from "../logger.js";
import { type Job, jobKey, PRIORITY_RANK } from "./job.js";
import type { Clock, JobHandler, JobQueue, QueueCounts } from "./ports.js";
import { retryAfterMs } from "./retry-after.js";

export interface MemoryQueueOptions {
  concurrency: number;
  retryDelaysMs: readonly number[];
  clock: Clock;
  log: JobLogger;
  onGiveUp?: (job: Job, error: unknown) => void;
}

interface Entry {
  job: Job;
  attempt: number;
  dueMs: number;
  seq: number;
}

interface Slot {
  running: boolean;
  /** The installation of the running job, so `counts(installationId)` counts only that installation's runs. */
  runningInstallationId?: number;
  commands: Entry[];
  waiting: Entry | undefined;
  timer: { cancel(): void } | undefined;
}

export class InMemoryJobQueue implements JobQueue {
  readonly #slots = new Map<string, Slot>();
  /** Keys with a due entry and nothing running, one ordered set per priority rank. */
  readonly #ready: Array<Set<string>> = [new Set(), new Set(), new Set()];
  #running = 0;
  #seq = 0;
  #handler: JobHandler | undefined;
  #stopping = false;
  #settledWaiters: Array<() => void> = [];
  #idleWaiters: Array<() => void> = [];
  readonly #inFlight = new Set<Promise<void>>();

  constructor(private readonly options: MemoryQueueOptions) {}

  async add(job: Job): Promise<void> {
    if (this.#stopping) {
      this.options.log.warn({ job: jobKey(job), kind: job.kind }, "queue stopping: job not accepted");
      return;
    }
    const key = jobKey(job);
    const slot = this.#slot(key);
    const entry: Entry = { job, attempt: 1, dueMs: this.options.clock.now(), seq: this.#seq++ };
    if (job.kind === "command") slot.commands.push(entry);
    else if (slot.waiting) slot.waiting = merge(slot.waiting, entry);
    else slot.waiting = entry;
    this.#place(key);
    this.#pump();
  }

  start(handler: JobHandler): void {
    this.#handler = handler;
    this.#stopping = false;
    this.#pump();
  }

  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    for (const slot of this.#slots.values()) slot.timer?.cancel();
    if (this.#inFlight.size === 0 || graceMs <= 0) return;
    let timer: { cancel(): void } | undefined;
    const bound = new Promise<"timeout">((resolve) => {
      timer = this.options.clock.setTimer(() => resolve("timeout"), graceMs);
    });
    const drained = Promise.allSettled([...this.#inFlight]).then(() => "drained" as const);
    const how = await Promise.race([drained, bound]);
    timer?.cancel();
    if (how === "timeout")
      this.options.log.warn(
        { running: this.#inFlight.size, graceMs },
        "jobs still running at the end of the shutdown grace period",
      );
  }

  async counts(installationId?: number): Promise<QueueCounts> {
    return this.countsNow(installationId);
  }

  countsNow(installationId?: number): QueueCounts {
    const now = this.options.clock.now();
    const counts = { waiting: 0, running: 0, delayed: 0 };
    for (const slot of this.#slots.values()) {
      for (const entry of [...slot.commands, ...(slot.waiting ? [slot.waiting] : [])]) {
        if (installationId !== undefined && entry.job.installationId !== installationId) continue;
        if (entry.dueMs > now) counts.delayed++;
        else counts.waiting++;
      }
      if (!slot.running) continue;
      if (installationId === undefined || slot.runningInstallationId === installationId) counts.running++;
    }
    return counts;
  }

  /** Nothing ready or running now (jobs held for later may remain); O(1), unlike `countsNow`. */
  settledNow(): boolean {
    return this.#isSettled();
  }

  /** Resolves when nothing is ready or running; jobs held for later (deferred, retrying) may remain. */
  onSettled(): Promise<void> {
    if (this.#isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.#settledWaiters.push(resolve));
  }

  /** Resolves when nothing is ready, running or held for later. */
  onIdle(): Promise<void> {
    if (this.#isSettled() && this.#slots.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #isSettled(): boolean {
    return this.#running === 0 && this.#ready.every((r) => r.size === 0);
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { running: false, commands: [], waiting: undefined, timer: undefined };
      this.#slots.set(key, slot);
    }
    return slot;
  }

  /** Puts the key where the dispatcher finds it: in a ready set, behind a timer, or nowhere (idle). */
  #place(key: string): void {
    for (const ready of this.#ready) ready.delete(key);
    const slot = this.#slots.get(key);
    if (!slot) return;
    slot.timer?.cancel();
    slot.timer = undefined;
    if (slot.running) return;
    const next = this.#next(slot);
    if (!next) {
      this.#slots.delete(key);
      return;
    }
    const now = this.options.clock.now();
    if (next.dueMs <= now) {
      this.#ready[PRIORITY_RANK[next.job.priority]]?.add(key);
      return;
    }
    slot.timer = this.options.clock.setTimer(() => {
      slot.timer = undefined;
      this.#place(key);
      this.#pump();
    }, next.dueMs - now);
  }

  /** The entry a slot runs next: a due command first, else whichever is due soonest. */
  #next(slot: Slot): Entry | undefined {
    const now = this.options.clock.now();
    const candidates = [...slot.commands.slice(0, 1), ...(slot.waiting ? [slot.waiting] : [])];
    const due = candidates.filter((e) => e.dueMs <= now);
    if (due.length > 0) return due[0];
    return candidates.sort((a, b) => a.dueMs - b.dueMs)[0];
  }

  #pump(): void {
    while (this.#handler && !this.#stopping && this.#running < this.options.concurrency) {
      const key = this.#ready.map((r) => r.values().next().value).find((k) => k !== undefined);
      if (key === undefined) break;
      for (const ready of this.#ready) ready.delete(key);
      const slot = this.#slots.get(key);
      const entry = slot && this.#next(slot);
      if (!slot || !entry) continue;
      if (entry === slot.commands[0]) slot.commands.shift();
      else slot.waiting = undefined;
      slot.running = true;
      slot.runningInstallationId = entry.job.installationId;
      this.#running++;
      const run = this.#run(key, slot, entry, this.#handler);
      this.#inFlight.add(run);
      void run.finally(() => this.#inFlight.delete(run));
    }
    if (this.#isSettled()) {
      this.#settledWaiters = resolveAll(this.#settledWaiters);
      if (this.#slots.size === 0) this.#idleWaiters = resolveAll(this.#idleWaiters);
    }
  }

  async #run(key: string, slot: Slot, entry: Entry, handler: JobHandler): Promise<void> {
    try {
      const outcome = await handler(entry.job, { attempt: entry.attempt });
      if (outcome.status === "deferred") this.#hold(slot, { ...entry, dueMs: outcome.untilMs });
    } catch (error) {
      this.#failed(slot, entry, error);
    }
    slot.running = false;
    this.#running--;
    this.#place(key);
    this.#pump();
  }

  /** Back into its slot, to run at `dueMs`; work that arrived meanwhile takes its place (and its due time). */
  #hold(slot: Slot, entry: Entry): void {
    if (entry.job.kind === "command") slot.commands.unshift(entry);
    else slot.waiting = slot.waiting ? merge(entry, slot.waiting) : entry;
  }

  #failed(slot: Slot, entry: Entry, error: unknown): void {
    const { log, retryDelaysMs, clock, onGiveUp } = this.options;
    const job = entry.job;
    const fields = {
      job: jobKey(job),
      kind: job.kind,
      ...(job.kind === "org-scan"
        ? { org: job.org }
        : { repository: `${job.repository.owner}/${job.repository.name}` }),
      reason: job.reason,
      attempt: entry.attempt,
    };
    const backoff = job.kind === "command" ? undefined : retryDelaysMs[entry.attempt - 1];
    if (backoff === undefined || slot.waiting) {
      if (slot.waiting) return; // newer work for the key is queued: it runs next anyway
      log.error(
        { ...fields, err: errorMessage(error) },
        job.kind === "command"
          ? "command job failed; commands are not retried"
          : "job failed and is given up; the next sweep picks the repository up again",
      );
      onGiveUp?.(job, error);
      return;
    }
    const delay = Math.max(backoff, retryAfterMs(error, clock.now()) ?? 0);
    log.warn({ ...fields, retryInMs: delay, err: errorMessage(error) }, "job failed; retrying");
    this.#hold(slot, { ...entry, attempt: entry.attempt + 1, dueMs: clock.now() + delay });
  }
}

/** A new job for a key that already has one waiting: newest payload, higher priority, earlier due time. */
function merge(older: Entry, newer: Entry): Entry {
  const priority =
    PRIORITY_RANK[older.job.priority] < PRIORITY_RANK[newer.job.priority]
      ? older.job.priority
      : newer.job.priority;
  return {
    job: { ...newer.job, priority } as Job,
    attempt: newer.attempt,
    dueMs: Math.min(older.dueMs, newer.dueMs),
    seq: Math.min(older.seq, newer.seq),
  };
}

function resolveAll(waiters: ReadonlyArray<() => void>): Array<() => void> {
  for (const resolve of waiters) resolve();
  return [];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
