import { describe, expect, it } from "vitest";
import { JFrogError } from "../../src/jfrog/errors.js";
import { asDeferral } from "../../src/rollout/deferral.js";
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

describe("asDeferral: a rate-limit answer is a deferral, never a failed attempt", () => {
  it.each([
    ["GitHub's secondary limit (403 + retry-after)", github(403, { "retry-after": "90" }), NOW + 90_000],
    ["GitHub's 429", github(429, { "retry-after": "5" }), NOW + 5_000],
    [
      "GitHub's primary limit (403, remaining 0, reset)",
      github(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + 600) }),
      NOW + 600_000,
    ],
    [
      "JFrog's 503 with Retry-After",
      new JFrogError("JFrog busy", {
        operation: "x",
        kind: "unavailable",
        retryable: true,
        status: 503,
        retryAfterMs: 30_000,
      }),
      NOW + 30_000,
    ],
  ])("%s", (_name, error, untilMs) => {
    expect(asDeferral(error, NOW)?.untilMs).toBe(untilMs);
  });

  it.each([
    ["a 403 that is not a rate limit", github(403, {})],
    ["a 500", github(500, { "retry-after": "10" })],
    [
      "JFrog's 503 without Retry-After",
      new JFrogError("down", { operation: "x", kind: "unavailable", retryable: true, status: 503 }),
    ],
    ["an error that says nothing", new Error("boom")],
  ])("%s is a failure", (_name, error) => {
    expect(asDeferral(error, NOW)).toBeUndefined();
  });
});
