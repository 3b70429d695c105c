/**
 * A job that cannot go on now, and must not count as a failed attempt: the content budget is spent, or GitHub or
 * JFrog answered with a rate limit and said how long to wait. The worker turns it into a `deferred` outcome.
 */
import { retryAfterMs } from "./retry-after.js";

export class Deferral extends Error {
  constructor(
    readonly untilMs: number,
    readonly reason: string,
  ) {
    super(`deferred: ${reason}`);
    this.name = "Deferral";
  }
}

/**
 * A rate-limit answer: GitHub's 403/429 with `retry-after` or a spent `x-ratelimit-remaining` (primary or
 * secondary limit), or JFrog's 429/503 with `Retry-After`. Anything else is a failure.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function asDeferral(error: unknown, nowMs: number): Deferral | undefined {
  if (error instanceof Deferral) return error;
  const status = statusOf(error);
  if (status === undefined || ![403, 429, 503].includes(status)) return undefined;
  const wait = retryAfterMs(error, nowMs);
  if (wait === undefined) return undefined;
  const service = (error as { retryAfterMs?: unknown }).retryAfterMs !== undefined ? "JFrog" : "GitHub";
  return new Deferral(nowMs + wait, `${service} rate limit (${status})`);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}
