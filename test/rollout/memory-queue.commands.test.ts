/** Command jobs: never coalesced, run in order, ahead of background work, one job per key at a time. */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { Job } from "../../src/rollout/job.js";
import { InMemoryJobQueue } from "../../src/rollout/memory-queue.js";
import { command, deferred, heldQueue, reconcile, recordingLog } from "./queue-fixtures.js";

function queueWith(concurrency: number, log = recordingLog().log, onGiveUp?: (job: Job) => void) {
  const clock = new VirtualClock();
  const queue = new InMemoryJobQueue({
    concurrency,
    retryDelaysMs: [1000],
    clock,
    log,
    ...(onGiveUp && { onGiveUp }),
  });
  return { clock, queue };
}

describe("InMemoryJobQueue command jobs", () => {
  it("runs every command for a key, in order, where background jobs would coalesce", async () => {
    const gate = deferred();
    const runs: string[] = [];
    const { queue } = queueWith(4);
    queue.start(async (job) => {
      if (job.reason === "reconcile 1") await gate.promise;
      runs.push(job.reason);
      return { status: "done" };
    });
    await queue.add(reconcile(74, "reconcile 1"));
    await queue.add(command(74, "status"));
    await queue.add(reconcile(74, "reconcile 2"));
    await queue.add(command(74, "setup"));
    await queue.add(reconcile(74, "reconcile 3"));
    await queue.add(command(74, "verify"));
    gate.resolve();
    await queue.onIdle();
    expect(runs).toEqual(["reconcile 1", "status", "setup", "verify", "reconcile 3"]);
  });

  it("never runs a command beside another job of the same key", async () => {
    const gate = deferred();
    let running = 0;
    let peak = 0;
    const { queue } = queueWith(4);
    queue.start(async (job) => {
      running++;
      peak = Math.max(peak, running);
      if (job.reason === "first") await gate.promise;
      running--;
      return { status: "done" };
    });
    await queue.add(command(74, "first"));
    await queue.add(reconcile(74, "reconcile"));
    await queue.add(command(74, "second"));
    expect(queue.countsNow()).toEqual({ waiting: 2, running: 1, delayed: 0 });
    gate.resolve();
    await queue.onIdle();
    expect(peak).toBe(1);
  });

  it("gives commands a free slot before background work that waited longer", async () => {
    const { queue } = queueWith(1);
    const { runs, release } = await heldQueue(queue);
    await queue.add(reconcile(2, "rollout 2"));
    await queue.add(reconcile(3, "rollout 3"));
    await queue.add(command(9, "command 9"));
    release();
    await queue.onIdle();
    expect(runs).toEqual(["command 9", "rollout 2", "rollout 3"]);
  });

  it("does not retry a failed command: it is logged and handed to onGiveUp, and the next one still runs", async () => {
    const { lines, log } = recordingLog();
    const givenUp: Job[] = [];
    const runs: string[] = [];
    const { clock, queue } = queueWith(1, log, (job) => givenUp.push(job));
    queue.start(async (job) => {
      runs.push(job.reason);
      if (job.reason === "failing") throw new Error("GitHub down");
      return { status: "done" };
    });
    await queue.add(command(74, "failing"));
    await queue.add(command(74, "next"));
    await queue.onIdle();
    expect(runs).toEqual(["failing", "next"]);
    expect(givenUp).toEqual([command(74, "failing")]);
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual([
      "command job failed; commands are not retried",
    ]);
    expect(clock.pending).toBe(0);
  });

  it("counts pending commands as work: onSettled waits for them", async () => {
    const { queue } = queueWith(1);
    const { runs, release } = await heldQueue(queue);
    await queue.add(command(2, "command"));
    const settled = queue.onSettled();
    release();
    await settled;
    expect(runs).toEqual(["command"]);
  });
});
