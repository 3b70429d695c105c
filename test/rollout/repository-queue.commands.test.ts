/** Command jobs: never coalesced, run in order, ahead of background work, one job per key at a time. */
import pino from "pino";
import { describe, expect, it } from "vitest";
import { RepositoryQueue } from "../../src/rollout/repository-queue.js";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A real pino logger writing to an array: the queue's log lines as it writes them. */
function recordingLog() {
  const lines: Array<{ level: string; msg: string }> = [];
  const log = pino(
    { level: "debug", formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void lines.push(pick(JSON.parse(line))) },
  );
  return { lines, log };
}

function pick(record: { level: string; msg: string }) {
  return { level: record.level, msg: record.msg };
}

describe("RepositoryQueue command jobs", () => {
  it("runs every command for a key, in order, where background jobs would coalesce", async () => {
    const gate = deferred();
    const runs: string[] = [];
    const queue = new RepositoryQueue({ concurrency: 4, retryDelaysMs: [], log: recordingLog().log });
    queue.enqueue("74", async () => {
      await gate.promise;
      runs.push("reconcile 1");
    });
    queue.enqueueCommand("74", async () => void runs.push("status"));
    queue.enqueue("74", async () => void runs.push("reconcile 2"));
    queue.enqueueCommand("74", async () => void runs.push("setup"));
    queue.enqueue("74", async () => void runs.push("reconcile 3"));
    queue.enqueueCommand("74", async () => void runs.push("verify"));
    gate.resolve();
    await queue.onIdle();
    expect(runs).toEqual(["reconcile 1", "status", "setup", "verify", "reconcile 3"]);
  });

  it("never runs a command beside another job of the same key", async () => {
    const gate = deferred();
    let running = 0;
    let peak = 0;
    const queue = new RepositoryQueue({ concurrency: 4, retryDelaysMs: [], log: recordingLog().log });
    const job = (wait?: Promise<void>) => async () => {
      running++;
      peak = Math.max(peak, running);
      await wait;
      running--;
    };
    queue.enqueueCommand("74", job(gate.promise));
    queue.enqueue("74", job());
    queue.enqueueCommand("74", job());
    expect(queue.size).toEqual({ ready: 0, running: 1, waiting: 0 });
    gate.resolve();
    await queue.onIdle();
    expect(peak).toBe(1);
  });

  it("gives commands a free slot before background work that waited longer", async () => {
    const gate = deferred();
    const runs: string[] = [];
    const queue = new RepositoryQueue({ concurrency: 1, retryDelaysMs: [], log: recordingLog().log });
    queue.enqueue("1", async () => gate.promise);
    queue.enqueue("2", async () => void runs.push("rollout 2"));
    queue.enqueue("3", async () => void runs.push("rollout 3"));
    queue.enqueueCommand("9", async () => void runs.push("command 9"));
    gate.resolve();
    await queue.onIdle();
    expect(runs).toEqual(["command 9", "rollout 2", "rollout 3"]);
  });

  it("does not retry a failed command: it is logged and handed to onGiveUp, and the next one still runs", async () => {
    const { lines, log } = recordingLog();
    const givenUp: string[] = [];
    const runs: string[] = [];
    const queue = new RepositoryQueue({
      concurrency: 1,
      retryDelaysMs: [1000],
      log,
      onGiveUp: (key) => givenUp.push(key),
      setTimer: () => {
        throw new Error("a command must not be retried");
      },
    });
    queue.enqueueCommand("74", async () => {
      runs.push("failing");
      throw new Error("GitHub down");
    });
    queue.enqueueCommand("74", async () => void runs.push("next"));
    await queue.onIdle();
    expect(runs).toEqual(["failing", "next"]);
    expect(givenUp).toEqual(["74"]);
    expect(lines).toEqual([{ level: "error", msg: "command job failed; commands are not retried" }]);
  });

  it("counts pending commands as work: onSettled waits for them", async () => {
    const gate = deferred();
    let done = false;
    const queue = new RepositoryQueue({ concurrency: 1, retryDelaysMs: [], log: recordingLog().log });
    queue.enqueue("1", async () => gate.promise);
    queue.enqueueCommand("2", async () => {
      done = true;
    });
    const settled = queue.onSettled();
    gate.resolve();
    await settled;
    expect(done).toBe(true);
  });
});
