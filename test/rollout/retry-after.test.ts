import { describe, expect, it } from "vitest";
import { JFrogError } from "../../src/jfrog/errors.js";
import { RepositoryQueue } from "../../src/rollout/repository-queue.js";
import { retryAfterMs } from "../../src/rollout/retry-after.js";

const NOW = 1_800_000_000_000;
const github = (status: number, headers: Record<string, string>) =>
  Object.assign(new Error("You have exceeded a secondary rate limit"), { status, response: { headers } });

describe("retryAfterMs", () => {
  it.each([
    ["GitHub's retry-after (seconds)", github(403, { "retry-after": "60" }), 60_000],
    [
      "GitHub's primary limit reset",
      github(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + 120) }),
      120_000,
    ],
    [
      "a reset while requests remain",
      github(403, { "x-ratelimit-remaining": "10", "x-ratelimit-reset": String(NOW / 1000 + 120) }),
      undefined,
    ],
    [
      "JFrog's Retry-After",
      new JFrogError("JFrog busy", {
        operation: "x",
        kind: "unavailable",
        retryable: true,
        status: 429,
        retryAfterMs: 90_000,
      }),
      90_000,
    ],
    ["an error that says nothing", new Error("boom"), undefined],
  ])("reads %s", (_name, error, expected) => {
    expect(retryAfterMs(error, NOW)).toBe(expected);
  });
});

describe("the queue's retry", () => {
  it("waits at least as long as the service asked", async () => {
    const delays: number[] = [];
    const queue = new RepositoryQueue({
      concurrency: 1,
      retryDelaysMs: [30_000],
      log: { debug() {}, info() {}, warn() {}, error() {} } as never,
      setTimer: (_fn, ms) => {
        delays.push(ms);
        return { cancel() {} };
      },
      now: () => NOW,
    });
    queue.enqueue("5/74", async () => {
      throw github(403, { "retry-after": "90" });
    });
    await queue.onSettled();
    expect(delays).toEqual([90_000]);
  });
});
