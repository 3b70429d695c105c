/**
 * What every `JobQueue` (ports.ts) must do, whichever implementation runs: the in-process queue and the Redis one
 * both call `describeJobQueueContract` from their own test file. Time is the queue's own: `pass(ms)` moves a
 * virtual clock, or waits real time for a queue that runs on it (BullMQ), so delays here stay tens of ms and every
 * wait is for a condition, with a bound.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Job, JobPriority } from "../../../src/rollout/job.js";
import type { JobHandler, JobMeta, JobOutcome, JobQueue } from "../../../src/rollout/ports.js";

export interface QueueUnderTest {
  queue: JobQueue;
  /** The queue's clock: `deferred.untilMs` is given in it. */
  now(): number;
  /** Lets `ms` of the queue's time pass, and lets the queue act on it. */
  pass(ms: number): Promise<void>;
  /** Stops the queue if the test did not, and frees what it used. */
  close(): Promise<void>;
}

export interface QueueSetup {
  concurrency: number;
  retryDelaysMs: number[];
  onGiveUp: (job: Job, error: unknown) => void;
}

/**
 * `close` for a queue under test: stops it with `graceMs` unless the test already stopped it (a second stop would
 * test nothing and may throw on a closed connection).
 */
export function stopUnlessStopped(queue: JobQueue, graceMs: number): () => Promise<void> {
  let stopped = false;
  const stop = queue.stop.bind(queue);
  queue.stop = async (ms) => {
    stopped = true;
    await stop(ms);
  };
  return async () => {
    if (!stopped) await stop(graceMs);
  };
}

export type JobQueueFactory = (setup: QueueSetup) => Promise<QueueUnderTest>;

export function reconcileJob(
  repo: number,
  reason: string,
  priority: JobPriority = "event",
  installationId = 1,
): Job {
  return {
    kind: "reconcile",
    installationId,
    reason,
    priority,
    repository: { owner: "acme", name: `repo-${repo}`, ownerId: 100, repoId: repo },
  };
}

export function commandJob(repo: number, commentId: number): Job {
  return {
    kind: "command",
    installationId: 1,
    reason: "slash-command",
    priority: "command",
    repository: { owner: "acme", name: `repo-${repo}`, ownerId: 100, repoId: repo },
    comment: { id: commentId, body: "/jfrog-oidc status", author: "octocat", issueNumber: 1 },
    place: { ownerType: "Organization", isPublic: false },
  };
}

/** A promise a test resolves when it wants a running job to end. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export function describeJobQueueContract(name: string, factory: JobQueueFactory): void {
  describe(`JobQueue contract: ${name}`, () => {
    let subject: QueueUnderTest | undefined;
    const givenUp: Array<{ job: Job; error: unknown }> = [];
    afterEach(async () => {
      await subject?.close();
      subject = undefined;
      givenUp.length = 0;
    });
    async function setUp(overrides: Partial<QueueSetup> = {}): Promise<QueueUnderTest> {
      subject = await factory({
        concurrency: 1,
        retryDelaysMs: [],
        onGiveUp: (job, error) => givenUp.push({ job, error }),
        ...overrides,
      });
      return subject;
    }
    async function eventually(q: QueueUnderTest, what: string, condition: () => boolean): Promise<void> {
      for (let i = 0; i < 1_000 && !condition(); i++) await q.pass(5);
      if (!condition()) throw new Error(`the queue never got to: ${what}`);
    }
    /** Records every run, and fails the test if two runs of one key ever overlap. */
    function recorder(outcome: (job: Job, meta: JobMeta, runs: number) => Promise<JobOutcome> | JobOutcome) {
      const runs: Array<{ job: Job; meta: JobMeta; at: number }> = [];
      const running = new Set<string>();
      const overlaps: string[] = [];
      const handler =
        (q: QueueUnderTest): JobHandler =>
        async (job, meta) => {
          const key = job.kind === "org-scan" ? job.org : job.repository.name;
          if (running.has(key)) overlaps.push(key);
          running.add(key);
          runs.push({ job, meta, at: q.now() });
          try {
            return await outcome(job, meta, runs.length);
          } finally {
            running.delete(key);
          }
        };
      return { runs, overlaps, handler };
    }

    it("hands jobs out highest priority first: command, then event, then backfill", async () => {
      const q = await setUp();
      await q.queue.add(reconcileJob(1, "rollout", "backfill"));
      await q.queue.add(reconcileJob(2, "repository created", "event"));
      await q.queue.add(commandJob(3, 901));
      const r = recorder(() => ({ status: "done" }));
      q.queue.start(r.handler(q));
      await eventually(q, "three runs", () => r.runs.length === 3);
      expect(r.runs.map((run) => run.job.priority)).toEqual(["command", "event", "backfill"]);
    });

    it("coalesces a repository's waiting jobs into one run: newest data, higher priority", async () => {
      const q = await setUp();
      await q.queue.add(reconcileJob(1, "repository created", "event"));
      await q.queue.add(reconcileJob(1, "org policy changed", "backfill"));
      await q.queue.add(reconcileJob(2, "rollout", "backfill"));
      expect(await q.queue.counts()).toMatchObject({ waiting: 2, running: 0 });
      const r = recorder(() => ({ status: "done" }));
      q.queue.start(r.handler(q));
      await eventually(q, "two runs", () => r.runs.length === 2);
      await q.pass(20);
      expect(
        r.runs.map((run) => [
          run.job.kind === "reconcile" && run.job.repository.name,
          run.job.reason,
          run.job.priority,
        ]),
      ).toEqual([
        ["repo-1", "org policy changed", "event"],
        ["repo-2", "rollout", "backfill"],
      ]);
    });

    it("moves a waiting job ahead when a coalesced job raises its priority", async () => {
      const q = await setUp();
      await q.queue.add(reconcileJob(1, "rollout", "backfill"));
      await q.queue.add(reconcileJob(2, "repository created", "event"));
      await q.queue.add(reconcileJob(1, "command asked for it", "command"));
      const r = recorder(() => ({ status: "done" }));
      q.queue.start(r.handler(q));
      await eventually(q, "two runs", () => r.runs.length === 2);
      expect(r.runs.map((run) => run.job.reason)).toEqual(["command asked for it", "repository created"]);
    });

    it("runs a job added while its repository runs once after it, never beside it", async () => {
      const q = await setUp({ concurrency: 4 });
      const first = gate();
      const r = recorder(async (_job, _meta, n) => {
        if (n === 1) await first.opened;
        return { status: "done" };
      });
      q.queue.start(r.handler(q));
      await q.queue.add(reconcileJob(1, "push"));
      await eventually(q, "the first run starts", () => r.runs.length === 1);
      await q.queue.add(reconcileJob(1, "second push"));
      await q.queue.add(reconcileJob(1, "third push"));
      await q.pass(30);
      expect(r.runs).toHaveLength(1);
      first.open();
      await eventually(q, "one more run", () => r.runs.length === 2);
      await q.pass(30);
      expect(r.runs.map((run) => run.job.reason)).toEqual(["push", "third push"]);
      expect(r.overlaps).toEqual([]);
    });

    it("never coalesces commands, and never runs one beside its repository's other job", async () => {
      const q = await setUp({ concurrency: 4 });
      const first = gate();
      const r = recorder(async (_job, _meta, n) => {
        if (n === 1) await first.opened;
        return { status: "done" };
      });
      q.queue.start(r.handler(q));
      await q.queue.add(reconcileJob(1, "push"));
      await eventually(q, "the reconcile starts", () => r.runs.length === 1);
      await q.queue.add(commandJob(1, 901));
      await q.queue.add(commandJob(1, 902));
      await q.pass(30);
      expect(r.runs).toHaveLength(1);
      first.open();
      await eventually(q, "both commands ran", () => r.runs.length === 3);
      const comments = r.runs.flatMap((run) => (run.job.kind === "command" ? [run.job.comment.id] : []));
      expect(comments.sort()).toEqual([901, 902]);
      expect(r.overlaps).toEqual([]);
    });

    it("holds a deferred job until the time it was given, without spending an attempt", async () => {
      const q = await setUp({ retryDelaysMs: [] });
      let until = 0;
      const r = recorder((_job, _meta, n) => {
        if (n > 1) return { status: "done" };
        until = q.now() + 60;
        return { status: "deferred", untilMs: until, reason: "content budget spent" };
      });
      q.queue.start(r.handler(q));
      await q.queue.add(reconcileJob(1, "push"));
      await eventually(q, "the deferred job runs again", () => r.runs.length === 2);
      expect(r.runs[1]?.at).toBeGreaterThanOrEqual(until);
      expect(r.runs.map((run) => run.meta.attempt)).toEqual([1, 1]);
      expect(givenUp).toEqual([]);
    });

    it("retries a failed job after each back-off, then gives it up to onGiveUp", async () => {
      const q = await setUp({ retryDelaysMs: [20, 40] });
      const r = recorder(() => {
        throw new Error("JFrog unavailable");
      });
      q.queue.start(r.handler(q));
      await q.queue.add(reconcileJob(1, "push"));
      await eventually(q, "the job is given up", () => givenUp.length === 1);
      expect(r.runs.map((run) => run.meta.attempt)).toEqual([1, 2, 3]);
      expect((r.runs[1]?.at ?? 0) - (r.runs[0]?.at ?? 0)).toBeGreaterThanOrEqual(20);
      expect((r.runs[2]?.at ?? 0) - (r.runs[1]?.at ?? 0)).toBeGreaterThanOrEqual(40);
      expect(givenUp[0]?.job.reason).toBe("push");
      expect(String(givenUp[0]?.error)).toContain("JFrog unavailable");
    });

    it("does not retry a failed command: it is given up at once (a command replies with its own failure)", async () => {
      const q = await setUp({ retryDelaysMs: [20] });
      const r = recorder(() => {
        throw new Error("GitHub unavailable");
      });
      q.queue.start(r.handler(q));
      await q.queue.add(commandJob(1, 901));
      await eventually(q, "the command is given up", () => givenUp.length === 1);
      await q.pass(60);
      expect(r.runs).toHaveLength(1);
    });

    it("counts waiting, running and delayed jobs, per installation", async () => {
      const q = await setUp({ concurrency: 1 });
      const first = gate();
      const r = recorder(async (job) => {
        if (job.reason === "blocker") await first.opened;
        return { status: "done" };
      });
      await q.queue.add(reconcileJob(1, "blocker", "command", 1));
      await q.queue.add(reconcileJob(2, "later", "backfill", 1));
      await q.queue.add(reconcileJob(3, "later", "backfill", 2));
      q.queue.start(r.handler(q));
      try {
        await eventually(q, "the blocker runs", () => r.runs.length === 1);
        expect(await q.queue.counts(1)).toEqual({ waiting: 1, running: 1, delayed: 0 });
        expect(await q.queue.counts(2)).toEqual({ waiting: 1, running: 0, delayed: 0 });
        expect(await q.queue.counts()).toEqual({ waiting: 2, running: 1, delayed: 0 });
      } finally {
        first.open();
      }
      await eventually(q, "all ran", () => r.runs.length === 3);
    });

    it("lets a running job finish before stop resolves, within the grace period", async () => {
      const q = await setUp();
      const first = gate();
      const finished: string[] = [];
      const r = recorder(async (job) => {
        await first.opened;
        finished.push(job.reason);
        return { status: "done" };
      });
      q.queue.start(r.handler(q));
      await q.queue.add(reconcileJob(1, "push"));
      await eventually(q, "the job runs", () => r.runs.length === 1);
      const stopped = q.queue.stop(5_000).then(() => finished.length);
      first.open();
      expect(await stopped).toBe(1);
    });
  });
}
