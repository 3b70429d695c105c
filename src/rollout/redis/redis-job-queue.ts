/**
 * The durable, shared job queue (ports.ts `JobQueue`) for scale-out with REDIS_URL, on BullMQ.
 *
 * - Durable: jobs live in Redis, so a restart, or another replica with the same REDIS_URL, picks them up. A job
 *   whose worker died is handed to another by BullMQ's stalled-job check (https://docs.bullmq.io/guide/jobs/stalled).
 * - Coalesced on `jobKey` across replicas: the payload waits in the SlotStore (newest data, highest priority,
 *   earliest due time), and ONE BullMQ token per key carries it to a worker. Commands are tokens of their own,
 *   never coalesced.
 * - One run per key at a time across replicas: a run holds the key's lease (renewed while it runs, expiring if
 *   its replica dies); a token that finds the lease taken goes back to delayed for `lockRetryMs`.
 * - Priorities: BullMQ's (1 command, 2 event, 3 backfill).
 * - `deferred` and retries move the token to delayed (`job.moveToDelayed` + `DelayedError`,
 *   https://docs.bullmq.io/patterns/process-step-jobs#delaying): the attempt count lives in the entry, so a
 *   deferral never spends one and back-off survives restarts. Given up: logged and handed to `onGiveUp`.
 */
import { randomUUID } from "node:crypto";
import { type Job as BullJob, DelayedError, Queue, WaitingError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { JobLogger } from "../../logger.js";
import { type Job, type JobPriority, jobKey, PRIORITY_RANK } from "../job.js";
import type { JobHandler, JobQueue, QueueCounts } from "../ports.js";
import { retryAfterMs } from "../retry-after.js";
import { type Lease, RedisLeases } from "./lease.js";
import { type SlotEntry, SlotStore } from "./slot-store.js";
import { readJob } from "./stored-records.js";

export interface RedisJobQueueOptions {
  /** Owned by the caller (closed by it after `stop`); needs `maxRetriesPerRequest: null` (see connection.ts). */
  connection: Redis;
  concurrency: number;
  retryDelaysMs: readonly number[];
  log: JobLogger;
  onGiveUp?: (job: Job, error: unknown) => void;
  /** Namespaces every key, so two apps (or two tests) can share one Redis. */
  prefix?: string;
  /** How long a key's run lease lasts without renewal, and BullMQ's job lock: a dead replica's work moves on after it. */
  lockMs?: number;
  /** How soon a token that found its key busy looks again. */
  lockRetryMs?: number;
  /** How many times a job may lose its worker (a crash) before it is given up. */
  maxStalledCount?: number;
}

/** What a BullMQ token carries: a key whose payload waits in the SlotStore, or a whole command. */
type TokenData = { key: string; installationId: number; command?: undefined } | CommandTokenData;
type CommandTokenData = { key: string; installationId: number; command: string; attempt: number };

type Ending = { status: "complete" } | { status: "delay"; untilMs: number };

const QUEUE_NAME = "rollout";
const PRIORITY_BY_RANK: readonly JobPriority[] = (Object.keys(PRIORITY_RANK) as JobPriority[]).sort(
  (a, b) => PRIORITY_RANK[a] - PRIORITY_RANK[b],
);
const QUEUED_STATES = ["wait", "prioritized", "delayed", "active"] as const;
/** The end of the grace period kept for handing running jobs back (or finding that Redis does not answer). */
const HAND_BACK_MS = 1_000;

export class RedisJobQueue implements JobQueue {
  readonly #queue: Queue<TokenData>;
  readonly #slots: SlotStore;
  readonly #leases: RedisLeases;
  readonly #prefix: string;
  readonly #lockMs: number;
  readonly #lockRetryMs: number;
  #worker: Worker<TokenData> | undefined;
  /** Runs in this process, so `stop` can hand back the ones that outlive the grace period. */
  readonly #handBacks = new Set<() => Promise<void>>();

  constructor(private readonly options: RedisJobQueueOptions) {
    this.#prefix = options.prefix ?? "jfrog-oidc-rollout";
    this.#lockMs = options.lockMs ?? 30_000;
    this.#lockRetryMs = options.lockRetryMs ?? 1_000;
    this.#queue = new Queue<TokenData>(QUEUE_NAME, { connection: options.connection, prefix: this.#prefix });
    // The queue uses the caller's connection, whose failures the caller logs (start.ts): without a listener BullMQ
    // prints each reconnection attempt's error to stderr.
    this.#queue.on("error", (error) => options.log.debug({ err: error.message }, "job queue: Redis error"));
    this.#slots = new SlotStore(options.connection, this.#prefix, (key, raw) =>
      this.#unreadable({ key, bytes: raw.length }),
    );
    this.#leases = new RedisLeases(options.connection, `${this.#prefix}:run:`);
  }

  async add(job: Job): Promise<void> {
    const key = jobKey(job);
    const rank = PRIORITY_RANK[job.priority];
    const now = Date.now();
    const base = { removeOnComplete: true, removeOnFail: 1000 };
    if (job.kind === "command") {
      const data: CommandTokenData = {
        key,
        installationId: job.installationId,
        command: JSON.stringify(job),
        attempt: 1,
      };
      await this.#queue.add(job.kind, data, { ...base, jobId: `cmd-${randomUUID()}`, priority: rank + 1 });
      return;
    }
    const entry: SlotEntry = { job: JSON.stringify(job), attempt: 1, rank, dueMs: now };
    const slot = await this.#slots.add(key, entry, `slot-${encodeURIComponent(key)}`);
    const opts = {
      ...base,
      jobId: slot.token,
      priority: slot.rank + 1,
      delay: Math.max(0, slot.dueMs - now),
    };
    // Idempotent: BullMQ keeps the existing token with this id (and re-creates one lost before it was added).
    await this.#queue.add(job.kind, { key, installationId: job.installationId }, opts);
    if (!slot.fresh) await this.#hurry(slot.token, opts.priority);
  }

  start(handler: JobHandler): void {
    if (this.#worker) return;
    this.#worker = new Worker<TokenData>(
      QUEUE_NAME,
      (job, token) => this.#process(job, token ?? "", handler),
      {
        connection: this.options.connection,
        prefix: this.#prefix,
        concurrency: this.options.concurrency,
        lockDuration: this.#lockMs,
        stalledInterval: this.#lockMs,
        maxStalledCount: this.options.maxStalledCount ?? 5,
        // A dead replica's job is moved back to wait by the stalled check without waking a blocked worker: an
        // idle worker looks again every second instead of BullMQ's default 5 s.
        drainDelay: 1,
      },
    );
    this.#worker.on("error", (error) =>
      this.options.log.error({ err: error.message }, "job queue: Redis error"),
    );
    this.#worker.on("failed", (token, error) => {
      // Only BullMQ's own verdicts land here (e.g. stalled too often): #process never throws a job's error.
      this.options.log.error(
        { token: token?.id, err: error.message },
        "job queue: a job was failed by the queue",
      );
      if (token) void this.#giveUpToken(token.data, error);
    });
  }

  /**
   * Stops taking jobs; running ones get the grace period, less its last second (`HAND_BACK_MS`) in which those
   * still running are handed back to the queue: it ends within max(grace, 1 s). Bounded even when Redis does not answer (gone, or silent): ioredis would hold every
   * command until it is back, and an orchestrator kills a process that outstays its grace. The jobs lose nothing
   * then: they are in Redis, and another replica (or the next start) takes them over once their lock expires.
   */
  async stop(graceMs: number): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    const deadline = Date.now() + Math.max(graceMs, HAND_BACK_MS);
    if (worker) {
      const closing = worker.close().then(() => "closed" as const);
      closing.catch(() => {});
      if ((await withinMs(closing, graceMs - HAND_BACK_MS)) !== "closed") {
        const running = this.#handBacks.size;
        this.options.log.warn({ running, graceMs }, "handing jobs still running back to the queue");
        const handedBack = Promise.all([...this.#handBacks].map((handBack) => handBack())).then(
          () => closing,
        );
        if ((await withinMs(handedBack, deadline - Date.now())) !== "closed") {
          this.options.log.error(
            { running, graceMs, redis: this.options.connection.status },
            "could not hand running jobs back (Redis does not answer): they stay in Redis and are taken over " +
              "once their lock expires",
          );
          // The worker's own (blocking) connection would go on reconnecting in a process that is stopping.
          void worker.disconnect().catch(() => {});
          return;
        }
      }
    }
    const closed = this.#queue.close().then(() => "closed" as const);
    if ((await withinMs(closed, Math.max(deadline - Date.now(), HAND_BACK_MS))) !== "closed")
      this.options.log.error(
        { redis: this.options.connection.status },
        "job queue: Redis does not answer; stopped without closing the queue's connection",
      );
  }

  async counts(installationId?: number): Promise<QueueCounts> {
    if (installationId === undefined) {
      const c = await this.#queue.getJobCounts(...QUEUED_STATES);
      return {
        waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
        running: c.active ?? 0,
        delayed: c.delayed ?? 0,
      };
    }
    const counts: QueueCounts = { waiting: 0, running: 0, delayed: 0 };
    for (const state of QUEUED_STATES) {
      const tokens = await this.#queue.getJobs([state]);
      const mine = tokens.filter((t) => t?.data.installationId === installationId).length;
      if (state === "active") counts.running += mine;
      else if (state === "delayed") counts.delayed += mine;
      else counts.waiting += mine;
    }
    return counts;
  }

  /** A coalesced add may bring an earlier due time (now) or a higher priority than the waiting token has. */
  async #hurry(tokenId: string, priority: number): Promise<void> {
    const token = await this.#queue.getJob(tokenId);
    if (!token) return;
    try {
      if ((await token.getState()) === "delayed") await token.promote();
      if ((token.opts.priority ?? 0) > priority) await token.changePriority({ priority });
    } catch {
      // It started meanwhile: the run takes the merged entry, or the next token will.
    }
  }

  async #process(token: BullJob<TokenData>, lockToken: string, handler: JobHandler): Promise<void> {
    const { key } = token.data;
    const lease = await this.#leases.acquire(key, this.#lockMs);
    if (!lease) {
      await token.moveToDelayed(Date.now() + this.#lockRetryMs, lockToken);
      throw new DelayedError();
    }
    const run = this.#run(token, lease, handler);
    let handBack: (() => Promise<void>) | undefined;
    const handedBack = new Promise<never>((_resolve, reject) => {
      handBack = async () => {
        try {
          await token.moveToWait(lockToken);
        } catch (error) {
          // BullMQ's "Missing lock/key for job": the run ended meanwhile, or a slow host let the lock lapse and the
          // stalled check took the job. The queue owns the job again either way; shutdown must not fail over it.
          // Anything else (Redis gone) still fails the stop, as the caller must know.
          if (!(error instanceof Error && /missing (lock|key) for job/i.test(error.message))) throw error;
          this.options.log.warn(
            { token: token.id, err: error instanceof Error ? error.message : String(error) },
            "job queue: a running job's lock was gone at hand-back; the queue hands it on",
          );
        }
        reject(new WaitingError());
      };
    });
    handedBack.catch(() => {}); // only the race below reads it; a late hand-back must not be an unhandled rejection
    if (handBack) this.#handBacks.add(handBack);
    try {
      const ending = await Promise.race([run, handedBack]);
      if (ending.status === "delay") {
        await token.moveToDelayed(ending.untilMs, lockToken);
        throw new DelayedError();
      }
    } finally {
      if (handBack) this.#handBacks.delete(handBack);
    }
  }

  /** One run of a key, holding its lease until the handler ends (even after a hand-back at shutdown). */
  async #run(token: BullJob<TokenData>, lease: Lease, handler: JobHandler): Promise<Ending> {
    const renewal = setInterval(() => void lease.renew(this.#lockMs).catch(() => {}), this.#lockMs / 3);
    try {
      const data = token.data;
      if (data.command !== undefined) return await this.#runCommand(data, handler);
      const entry = await this.#slots.take(data.key, token.id ?? "", Date.now());
      if (!entry) return { status: "complete" };
      return await this.#runEntry(data.key, token.id ?? "", entry, handler);
    } finally {
      clearInterval(renewal);
      await lease.release().catch(() => false);
    }
  }

  async #runEntry(key: string, tokenId: string, entry: SlotEntry, handler: JobHandler): Promise<Ending> {
    const stored = readJob(entry.job);
    if (!stored) {
      this.#unreadable({ key, bytes: entry.job.length });
      await this.#slots.finish(key);
      return { status: "complete" };
    }
    // The merged priority is the job's priority (a waiting event stays an event when backfill joins it).
    const job = { ...stored, priority: PRIORITY_BY_RANK[entry.rank] ?? "backfill" } as Job;
    let untilMs: number;
    let next: SlotEntry;
    try {
      const outcome = await handler(job, { attempt: entry.attempt });
      if (outcome.status === "done") {
        await this.#slots.finish(key);
        return { status: "complete" };
      }
      untilMs = outcome.untilMs;
      next = { ...entry, dueMs: untilMs };
    } catch (error) {
      const delay = this.#retryDelay(job, entry.attempt, error);
      if (delay === undefined) {
        await this.#slots.finish(key);
        return { status: "complete" };
      }
      next = { ...entry, attempt: entry.attempt + 1, dueMs: Date.now() + delay };
    }
    const held = await this.#slots.putBack(key, tokenId, next);
    return held.waits ? { status: "delay", untilMs: held.dueMs } : { status: "complete" };
  }

  async #runCommand(data: CommandTokenData, handler: JobHandler): Promise<Ending> {
    const job = readJob(data.command);
    if (!job) {
      this.#unreadable({ key: data.key, bytes: data.command.length });
      return { status: "complete" };
    }
    try {
      const outcome = await handler(job, { attempt: data.attempt });
      return outcome.status === "deferred"
        ? { status: "delay", untilMs: outcome.untilMs }
        : { status: "complete" };
    } catch (error) {
      this.options.log.error(
        { ...fieldsOf(job), err: messageOf(error) },
        "command job failed; commands are not retried",
      );
      this.options.onGiveUp?.(job, error);
      return { status: "complete" };
    }
  }

  /** The back-off before the next attempt, or undefined once the job is given up (logged and reported). */
  #retryDelay(job: Job, attempt: number, error: unknown): number | undefined {
    const backoff = this.options.retryDelaysMs[attempt - 1];
    const fields = { ...fieldsOf(job), attempt, err: messageOf(error) };
    if (backoff === undefined) {
      this.options.log.error(fields, "job failed and will not be retried");
      this.options.onGiveUp?.(job, error);
      return undefined;
    }
    const delay = Math.max(backoff, retryAfterMs(error, Date.now()) ?? 0);
    this.options.log.warn({ ...fields, retryInMs: delay }, "job failed; retrying");
    return delay;
  }

  /** BullMQ failed a token itself (its runs kept dying): the job it carried is given up, not silently dropped. */
  async #giveUpToken(data: TokenData, error: Error): Promise<void> {
    if (data.command !== undefined) {
      const job = readJob(data.command);
      if (job) this.options.onGiveUp?.(job, error);
      else this.#unreadable({ key: data.key, bytes: data.command.length });
      return;
    }
    const entry = await this.#slots.running(data.key).catch(() => undefined);
    if (!entry) return;
    await this.#slots.finish(data.key).catch(() => {});
    const job = readJob(entry.job);
    if (job) this.options.onGiveUp?.(job, error);
    else this.#unreadable({ key: data.key, bytes: entry.job.length });
  }

  /**
   * A stored job that does not parse (another version of the app, a hand edit, a truncated write): never run,
   * reported, and dropped; the sweep finds its repository again if it still needs work.
   */
  #unreadable(fields: { key: string; bytes: number }): void {
    this.options.log.error(
      fields,
      "unreadable job in Redis: dropped; the next sweep queues its repository again",
    );
  }
}

function fieldsOf(job: Job) {
  const repository = job.kind === "org-scan" ? job.org : `${job.repository.owner}/${job.repository.name}`;
  return { kind: job.kind, installationId: job.installationId, repository, deliveryId: job.deliveryId };
}

/** What `work` settled to within `ms`, or "timeout" (a rejection counts as "failed"; the work may go on unawaited). */
async function withinMs<T>(work: Promise<T>, ms: number): Promise<T | "timeout" | "failed"> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([work.catch(() => "failed" as const), bound]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
