import { describe, expect, it, vi } from "vitest";
import { backoffDelay, parseRetryAfter, withRetry } from "../../src/jfrog/retry.js";

const policy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 3000 };

describe("backoffDelay", () => {
  it("doubles the ceiling per retry and caps it at maxDelayMs", () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, top))).toEqual([499, 999, 1999, 2999, 2999]);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it("reads delay-seconds and HTTP dates", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
  });

  it("clamps past dates to zero and ignores garbage", () => {
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("withRetry", () => {
  it("stops on the first non-retryable failure", async () => {
    const sleep = vi.fn(async () => {});
    const attempt = vi.fn(async () => ({ ok: false as const, failure: "nope", retryable: false }));
    await expect(withRetry(policy, sleep, attempt)).resolves.toEqual({
      ok: false,
      failure: "nope",
      attempts: 1,
      retryAfterMs: undefined,
    });
    expect(sleep).not.toHaveBeenCalled();
  });

  it("passes the attempt number and returns the first success", async () => {
    const sleep = vi.fn(async () => {});
    const attempt = vi.fn(async (n: number) =>
      n < 3 ? { ok: false as const, failure: n, retryable: true } : { ok: true as const, value: "done" },
    );
    await expect(withRetry(policy, sleep, attempt)).resolves.toEqual({ ok: true, value: "done" });
    expect(attempt.mock.calls.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(sleep).toHaveBeenCalledTimes(2);
  });
});
