import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { Job } from "../../src/rollout/job.js";
import { InMemoryJobQueue, type MemoryQueueOptions } from "../../src/rollout/memory-queue.js";
import { deferred, heldQueue, reconcile, recordingLog, tick } from "./queue-fixtures.js";

function queueWith(options: Partial<MemoryQueueOptions> = {}) {
  const clock = new VirtualClock();
  const queue = new InMemoryJobQueue({
    concurrency: 1,
    retryDelaysMs: [],
    clock,
    log: recordingLog().log,
    ...options,
  });
  return { clock, queue };
}

describe("InMemoryJobQueue", () => {
  it("coalesces jobs for the same repository that have not started", async () => {
    const { queue } = queueWith();
    const { runs, release } = await heldQueue(queue);
    await queue.add(reconcile(74, "first"));
    await queue.add(reconcile(74, "second"));
    release();
    await queue.onIdle();
    expect(runs).toEqual(["second"]);
  });

  it("runs one job per repository at a time, and once more when work arrives mid-run", async () => {
    const gate = deferred();
    const runs: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const { queue } = queueWith({ concurrency: 4 });
    queue.start(async (job) => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      if (job.reason === "a") await gate.promise;
      runs.push(job.reason);
      concurrent--;
      return { status: "done" };
    });
    await queue.add(reconcile(74, "a"));
    await queue.add(reconcile(74, "b"));
    await queue.add(reconcile(74, "c"));
    gate.resolve();
    await queue.onIdle();
    expect(runs).toEqual(["a", "c"]);
    expect(maxConcurrent).toBe(1);
  });

  it("runs different repositories side by side up to the concurrency limit", async () => {
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let peak = 0;
    const { queue } = queueWith({ concurrency: 2 });
    queue.start(async (job) => {
      running++;
      peak = Math.max(peak, running);
      await gates[Number(job.reason)]?.promise;
      running--;
      return { status: "done" };
    });
    for (const i of [0, 1, 2]) await queue.add(reconcile(i, String(i)));
    expect(queue.countsNow()).toEqual({ waiting: 1, running: 2, delayed: 0 });
    for (const g of gates) g.resolve();
    await queue.onIdle();
    expect(peak).toBe(2);
  });

  it("retries a failed job after each back-off, then reports it and gives up", async () => {
    const { lines, log } = recordingLog();
    const givenUp: Job[] = [];
    let attempts = 0;
    const seen: number[] = [];
    const { clock, queue } = queueWith({
      retryDelaysMs: [1000, 5000],
      log,
      onGiveUp: (job) => givenUp.push(job),
    });
    queue.start(async (_job, meta) => {
      attempts++;
      seen.push(meta.attempt);
      throw new Error("JFrog unreachable");
    });
    await queue.add(reconcile(74, "repository created"));
    await tick();
    expect(clock.nextDueMs()).toBe(clock.now() + 1000);
    clock.advance(1000);
    await tick();
    expect(clock.nextDueMs()).toBe(clock.now() + 5000);
    clock.advance(5000);
    await queue.onIdle();
    expect(attempts).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(givenUp).toEqual([reconcile(74, "repository created")]);
    expect(lines.filter((l) => l.level === "error")).toEqual([
      {
        level: "error",
        obj: {
          job: "repo:5/74",
          kind: "reconcile",
          repository: "acme/repo-74",
          reason: "repository created",
          attempt: 3,
          err: "JFrog unreachable",
        },
        msg: "job failed and is given up; the next sweep picks the repository up again",
      },
    ]);
  });

  it("waits at least as long as the service said before retrying", async () => {
    const { clock, queue } = queueWith({ retryDelaysMs: [1000] });
    let attempts = 0;
    queue.start(async () => {
      attempts++;
      if (attempts === 1) throw Object.assign(new Error("JFrog busy"), { status: 500, retryAfterMs: 90_000 });
      return { status: "done" };
    });
    await queue.add(reconcile(74, "x"));
    await tick();
    expect(clock.nextDueMs()).toBe(clock.now() + 90_000);
  });

  it("runs new work for a repository at once instead of waiting out its back-off", async () => {
    const runs: string[] = [];
    const { clock, queue } = queueWith({ retryDelaysMs: [60_000] });
    queue.start(async (job) => {
      runs.push(job.reason);
      if (job.reason === "failing") throw new Error("boom");
      return { status: "done" };
    });
    await queue.add(reconcile(74, "failing"));
    await tick();
    await queue.add(reconcile(74, "fresh"));
    await queue.onIdle();
    expect(runs).toEqual(["failing", "fresh"]);
    expect(clock.pending).toBe(0);
  });

  it("holds a deferred job until its time, without counting an attempt", async () => {
    const attempts: number[] = [];
    const givenUp: Job[] = [];
    // No retry at all: a deferral that counted as a failure would be given up at once.
    const { clock, queue } = queueWith({ retryDelaysMs: [], onGiveUp: (job) => givenUp.push(job) });
    let deferrals = 3;
    queue.start(async (_job, meta) => {
      attempts.push(meta.attempt);
      if (deferrals-- > 0)
        return { status: "deferred", untilMs: clock.now() + 60_000, reason: "GitHub rate limit (403)" };
      return { status: "done" };
    });
    await queue.add(reconcile(74, "x"));
    await queue.onSettled();
    expect(await queue.counts()).toEqual({ waiting: 0, running: 0, delayed: 1 });
    clock.advance(59_999);
    await tick();
    expect(attempts).toEqual([1]);
    clock.advance(1);
    await tick();
    expect(attempts).toEqual([1, 1]);
    for (const _ of [1, 2]) {
      clock.advance(60_000);
      await tick();
    }
    await queue.onIdle();
    expect(attempts).toEqual([1, 1, 1, 1]);
    expect(givenUp).toEqual([]);
  });

  it("hands out events ahead of backfill, whatever the arrival order", async () => {
    const { queue } = queueWith();
    const { runs, release } = await heldQueue(queue);
    for (let i = 2; i < 6; i++) await queue.add(reconcile(i, `backfill ${i}`, "backfill"));
    await queue.add(reconcile(9, "new repository", "event"));
    release();
    await queue.onIdle();
    expect(runs).toEqual(["new repository", "backfill 2", "backfill 3", "backfill 4", "backfill 5"]);
  });

  it("keeps the higher priority when a backfill job coalesces with an event for the same repository", async () => {
    const { queue } = queueWith();
    const { runs, release } = await heldQueue(queue, (job) => `${job.reason} (${job.priority})`);
    await queue.add(reconcile(2, "backfill 2", "backfill"));
    await queue.add(reconcile(3, "repository created", "event"));
    await queue.add(reconcile(3, "sweep", "backfill"));
    release();
    await queue.onIdle();
    expect(runs).toEqual(["sweep (event)", "backfill 2 (backfill)"]);
  });

  it("on stop, takes no new work and lets running jobs finish within the grace period", async () => {
    const gate = deferred();
    const runs: string[] = [];
    const { queue } = queueWith({ concurrency: 1 });
    queue.start(async (job) => {
      if (job.reason === "long") await gate.promise;
      runs.push(job.reason);
      return { status: "done" };
    });
    await queue.add(reconcile(1, "long"));
    await queue.add(reconcile(2, "queued"));
    const stopped = queue.stop(25_000);
    await queue.add(reconcile(3, "after stop"));
    gate.resolve();
    await stopped;
    expect(runs).toEqual(["long"]);
  });

  it("on stop, gives up waiting for a job that outlives the grace period", async () => {
    const { lines, log } = recordingLog();
    const { clock, queue } = queueWith({ log });
    queue.start(async () => {
      await new Promise(() => {}); // never finishes
      return { status: "done" };
    });
    await queue.add(reconcile(1, "stuck"));
    const stopped = queue.stop(25_000);
    clock.advance(25_000);
    await stopped;
    expect(lines.map((l) => l.msg)).toContain("jobs still running at the end of the shutdown grace period");
  });
});
