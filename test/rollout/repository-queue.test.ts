import { describe, expect, it } from "vitest";
import { RepositoryQueue } from "../../src/rollout/repository-queue.js";

/** A timer the test fires by hand: no real waiting. */
function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  return {
    setTimer(fn: () => void, ms: number) {
      const t = { fn, ms, cancelled: false };
      pending.push(t);
      return {
        cancel: () => {
          t.cancelled = true;
        },
      };
    },
    fireAll() {
      for (const t of pending.splice(0)) if (!t.cancelled) t.fn();
    },
    delays: () => pending.filter((t) => !t.cancelled).map((t) => t.ms),
  };
}

function recordingLog() {
  const lines: Array<{ level: string; obj: object; msg: string }> = [];
  const at = (level: string) => (obj: object, msg: string) => void lines.push({ level, obj, msg });
  return {
    lines,
    log: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } as never,
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("RepositoryQueue", () => {
  it("coalesces jobs for the same repository that have not started", async () => {
    const timers = manualTimers();
    const gate = deferred();
    const runs: string[] = [];
    const queue = new RepositoryQueue({
      concurrency: 1,
      retryDelaysMs: [],
      log: recordingLog().log,
      setTimer: timers.setTimer,
    });
    queue.enqueue("blocker", async () => gate.promise);
    queue.enqueue("74", async () => void runs.push("first"));
    queue.enqueue("74", async () => void runs.push("second"));
    gate.resolve();
    await queue.onIdle();
    expect(runs).toEqual(["second"]);
  });

  it("runs one job per repository at a time, and once more when work arrives mid-run", async () => {
    const gate = deferred();
    const runs: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const queue = new RepositoryQueue({ concurrency: 4, retryDelaysMs: [], log: recordingLog().log });
    const job = (name: string, wait?: Promise<void>) => async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await wait;
      runs.push(name);
      concurrent--;
    };
    queue.enqueue("74", job("a", gate.promise));
    queue.enqueue("74", job("b"));
    queue.enqueue("74", job("c"));
    gate.resolve();
    await queue.onIdle();
    expect(runs).toEqual(["a", "c"]);
    expect(maxConcurrent).toBe(1);
  });

  it("runs different repositories side by side up to the concurrency limit", async () => {
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let peak = 0;
    const queue = new RepositoryQueue({ concurrency: 2, retryDelaysMs: [], log: recordingLog().log });
    gates.forEach((g, i) => {
      queue.enqueue(String(i), async () => {
        running++;
        peak = Math.max(peak, running);
        await g.promise;
        running--;
      });
    });
    expect(queue.size).toEqual({ ready: 1, running: 2, waiting: 0 });
    for (const g of gates) g.resolve();
    await queue.onIdle();
    expect(peak).toBe(2);
  });

  it("retries a failed job after each back-off, then reports it and gives up", async () => {
    const timers = manualTimers();
    const { lines, log } = recordingLog();
    const givenUp: string[] = [];
    let attempts = 0;
    const queue = new RepositoryQueue({
      concurrency: 1,
      retryDelaysMs: [1000, 5000],
      log,
      setTimer: timers.setTimer,
      onGiveUp: (key) => givenUp.push(key),
    });
    queue.enqueue("74", async () => {
      attempts++;
      throw new Error("JFrog unreachable");
    });
    await new Promise((r) => setImmediate(r));
    expect(timers.delays()).toEqual([1000]);
    timers.fireAll();
    await new Promise((r) => setImmediate(r));
    expect(timers.delays()).toEqual([5000]);
    timers.fireAll();
    await queue.onIdle();
    expect(attempts).toBe(3);
    expect(givenUp).toEqual(["74"]);
    expect(lines.filter((l) => l.level === "error")).toEqual([
      {
        level: "error",
        obj: { key: "74", repository: "74", attempts: 3, err: "JFrog unreachable" },
        msg: "repository job failed and will not be retried; it runs again on the repository's next event",
      },
    ]);
  });

  it("runs new work for a repository at once instead of waiting out its back-off", async () => {
    const timers = manualTimers();
    const runs: string[] = [];
    const queue = new RepositoryQueue({
      concurrency: 1,
      retryDelaysMs: [60_000],
      log: recordingLog().log,
      setTimer: timers.setTimer,
    });
    queue.enqueue("74", async () => {
      runs.push("failing");
      throw new Error("boom");
    });
    await new Promise((r) => setImmediate(r));
    queue.enqueue("74", async () => void runs.push("fresh"));
    await queue.onIdle();
    expect(runs).toEqual(["failing", "fresh"]);
    expect(timers.delays()).toEqual([]);
  });
});
