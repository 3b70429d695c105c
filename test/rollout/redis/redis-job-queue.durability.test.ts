/**
 * What only the Redis queue promises: jobs outlive the process that accepted them, a dead worker's job moves to a
 * live one, retries keep their count across a restart, and replicas share one queue without running a repository
 * twice at once. Each "replica" is a RedisJobQueue on its own connection, as a separate process would have.
 */
import type { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import type { Job } from "../../../src/rollout/job.js";
import type { JobHandler, JobMeta } from "../../../src/rollout/ports.js";
import { RedisJobQueue, type RedisJobQueueOptions } from "../../../src/rollout/redis/redis-job-queue.js";
import { quietLog } from "../../support/quiet-log.js";
import { useRedisServer } from "../../support/redis-server.js";
import { until } from "../../support/until.js";
import { reconcileJob } from "../contract/job-queue.contract.js";

const server = useRedisServer();

const replicas: Array<{ queue: RedisJobQueue; connection: Redis }> = [];
afterEach(async () => {
  await Promise.all(replicas.map(({ queue }) => queue.stop(100).catch(() => {})));
  replicas.length = 0;
});

function replica(options: Partial<RedisJobQueueOptions> = {}): RedisJobQueue {
  const connection = server.client();
  const queue = new RedisJobQueue({
    connection,
    concurrency: 2,
    retryDelaysMs: [],
    log: quietLog(),
    lockMs: 300,
    lockRetryMs: 10,
    ...options,
  });
  replicas.push({ queue, connection });
  return queue;
}

/**
 * A replica whose worker took `job` and hangs in it, its process about to die or stop: what a crash or a deploy
 * interrupts. Returns once the run has started.
 */
async function replicaStuckIn(job: Job, options: Partial<RedisJobQueueOptions> = {}): Promise<RedisJobQueue> {
  const queue = replica(options);
  let started = 0;
  queue.start(async () => {
    started++;
    return new Promise(() => {});
  });
  await queue.add(job);
  await until(`the run of "${job.reason}" starts`, () => started === 1);
  return queue;
}

function recording(outcome: (job: Job, meta: JobMeta) => Promise<void> | void = () => {}) {
  const runs: Array<{ job: Job; meta: JobMeta }> = [];
  const handler: JobHandler = async (job, meta) => {
    runs.push({ job, meta });
    await outcome(job, meta);
    return { status: "done" };
  };
  return { runs, handler };
}

describe("RedisJobQueue durability", () => {
  it("keeps accepted jobs for the next process: a replica started later runs them", async () => {
    const accepting = replica();
    await accepting.add(reconcileJob(1, "repository created"));
    await accepting.add(reconcileJob(2, "repository created"));
    await accepting.stop(100);

    const { runs, handler } = recording();
    replica().start(handler);
    await until("both jobs ran", () => runs.length === 2);
    expect(runs.map((r) => r.job.kind === "reconcile" && r.job.repository.repoId).sort()).toEqual([1, 2]);
  });

  it("moves the job of a worker that died mid-run to a live replica, with its payload", async () => {
    await replicaStuckIn(reconcileJob(1, "push to default branch"));
    replicas[0]?.connection.disconnect(); // the process is gone: no lock renewal, no answer

    const { runs, handler } = recording();
    replica().start(handler);
    await until("the live replica ran the job", () => runs.length === 1);
    expect(runs[0]?.job.reason).toBe("push to default branch");
  });

  it("gives up, to onGiveUp, a job whose workers keep dying, instead of dropping it silently", async () => {
    await replicaStuckIn(reconcileJob(1, "push to default branch"), { maxStalledCount: 0 });
    replicas[0]?.connection.disconnect();

    const givenUp: Job[] = [];
    const { runs, handler } = recording();
    replica({ maxStalledCount: 0, onGiveUp: (job) => givenUp.push(job) }).start(handler);
    await until("the job is given up", () => givenUp.length === 1);
    expect(givenUp[0]?.reason).toBe("push to default branch");
    expect(runs).toEqual([]);
  });

  it("keeps a retry's back-off and attempt count across a restart", async () => {
    // The back-off is long enough that a loaded host still sees the job waiting in it (a short one can pass between
    // two looks and run the retry on the first process).
    const first = replica({ retryDelaysMs: [2_000] });
    const failed: number[] = [];
    let failedAt = Number.POSITIVE_INFINITY;
    first.start(async (_job, meta) => {
      failed.push(meta.attempt);
      failedAt = Date.now();
      throw new Error("JFrog unavailable");
    });
    await first.add(reconcileJob(1, "push"));
    await until(
      "the first attempt failed and waits to retry",
      async () => (await first.counts()).delayed === 1,
    );
    await first.stop(100);

    let retriedAt = 0;
    const { runs, handler } = recording(() => {
      retriedAt = Date.now();
    });
    replica({ retryDelaysMs: [2_000] }).start(handler);
    await until("the retry ran on the new process", () => runs.length === 1);
    expect(retriedAt - failedAt).toBeGreaterThanOrEqual(1_900);
    expect(failed).toEqual([1]);
    expect(runs[0]?.meta.attempt).toBe(2);
  });

  it("hands a job still running at the end of the grace period back, and the next process completes it", async () => {
    const stopping = await replicaStuckIn(reconcileJob(1, "push"));
    await stopping.stop(50);
    expect(await stopping.counts()).toMatchObject({ waiting: 1, running: 0 });
    replicas[0]?.connection.disconnect(); // and the process exits

    const { runs, handler } = recording();
    replica().start(handler);
    await until("the handed-back job ran", () => runs.length === 1);
    expect(runs[0]?.job.reason).toBe("push");
  });

  it("stops cleanly when a running job's lock already lapsed (a slow host), and the job still runs later", async () => {
    const stopping = await replicaStuckIn(reconcileJob(1, "push"));
    // What a host too busy to renew in time leaves: the lock is gone while the run goes on.
    const inspector = server.client();
    const locks = await inspector.keys("*:lock");
    expect(locks.length).toBeGreaterThan(0);
    await inspector.del(...locks);
    await expect(stopping.stop(0)).resolves.toBeUndefined();
    replicas[0]?.connection.disconnect();

    const { runs, handler } = recording();
    replica().start(handler);
    await until("the job ran on the next process", () => runs.length === 1);
    inspector.disconnect();
  });
});

describe("RedisJobQueue across replicas", () => {
  it("keeps one waiting job per repository, whichever replica accepted the events", async () => {
    const a = replica();
    const b = replica();
    for (let event = 0; event < 4; event++)
      for (let repo = 1; repo <= 5; repo++)
        await (event % 2 ? a : b).add(reconcileJob(repo, `event ${event}`));
    expect(await a.counts()).toEqual({ waiting: 5, running: 0, delayed: 0 });

    const { runs, handler } = recording();
    a.start(handler);
    b.start(handler);
    await until("each repository ran once", () => runs.length === 5);
    expect(new Set(runs.map((r) => r.job.reason))).toEqual(new Set(["event 3"]));
  });

  it("never runs one repository on two replicas at once, and runs the newest event last", async () => {
    const running = new Set<number>();
    const overlaps: number[] = [];
    const lastReason = new Map<number, string>();
    const handler: JobHandler = async (job) => {
      const repo = job.kind === "reconcile" ? (job.repository.repoId ?? 0) : 0;
      if (running.has(repo)) overlaps.push(repo);
      running.add(repo);
      await new Promise((resolve) => setTimeout(resolve, 15));
      running.delete(repo);
      lastReason.set(repo, job.reason);
      return { status: "done" };
    };
    const a = replica({ concurrency: 4 });
    const b = replica({ concurrency: 4 });
    a.start(handler);
    b.start(handler);
    for (let event = 0; event < 6; event++) {
      await Promise.all(
        [1, 2, 3].map((repo) => (event % 2 ? a : b).add(reconcileJob(repo, `event ${event}`))),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(
      "every repository ran its newest event",
      () => [1, 2, 3].every((repo) => lastReason.get(repo) === "event 5"),
      10_000,
    );
    expect(overlaps).toEqual([]);
  });
});
