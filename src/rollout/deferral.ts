/**
 * A job that cannot go on now, and must not count as a failed attempt: the content budget is spent, or GitHub or
 * JFrog answered with a rate limit and said how long to wait. The worker turns it into a `deferred` outcome.
 */
import { hasGraphqlErrorType } from "../github/graphql-errors.js";
import { retryAfterMs } from "./retry-after.js";

/**
 * GitHub's advice when a rate-limited answer says nothing of when to come back: wait at least a minute.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export const UNSPECIFIED_RATE_LIMIT_WAIT_MS = 60_000;

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
 * secondary limit), GitHub's GraphQL answer with an error of type RATE_LIMITED (HTTP 200; it waits as its headers
 * say, or a minute), or JFrog's 429/503 with `Retry-After`. Anything else is a failure.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 * https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#exceeding-the-rate-limit
 */
export function asDeferral(error: unknown, nowMs: number): Deferral | undefined {
  if (error instanceof Deferral) return error;
  if (isGraphqlRateLimit(error)) {
    const wait = retryAfterMs(error, nowMs) ?? UNSPECIFIED_RATE_LIMIT_WAIT_MS;
    return new Deferral(nowMs + wait, "GitHub GraphQL rate limit (RATE_LIMITED)");
  }
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

/**
 * Octokit throws a GraphQL answer's errors as a GraphqlResponseError (`errors`); with Probot's throttling plugin
 * on, a RATE_LIMITED answer comes as the plugin's own error instead, the answer's body on `data`.
 */
function isGraphqlRateLimit(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return (
    hasGraphqlErrorType(error, "RATE_LIMITED") ||
    hasGraphqlErrorType((error as { data?: unknown }).data ?? null, "RATE_LIMITED")
  );
}
