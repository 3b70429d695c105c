/**
 * Retry loop, backoff and Retry-After parsing, free of HTTP so they can be tested as plain functions.
 * Backoff is "full jitter": https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 *
 * Hand-written rather than ky's retry: ky does not retry a timeout (https://github.com/sindresorhus/ky#retry,
 * sindresorhus/ky#546), sleeps on its own timers (tests here inject `sleep`), and cancels on a long Retry-After
 * instead of handing its length back for the caller to reschedule.
 */

export interface RetryPolicy {
  /** Total tries, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before retry number `retry` (1 = the first retry): uniform in [0, min(max, base·2^(retry-1))). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Unparseable values are ignored
 * rather than trusted, so a garbled header falls back to our own backoff.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name; without that check Date.parse reads "-5" as the year -5.
  const at = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export type AttemptOutcome<T, F> =
  | { ok: true; value: T }
  | { ok: false; failure: F; retryable: boolean; retryAfterMs?: number };

export type RetryResult<T, F> =
  | { ok: true; value: T }
  | { ok: false; failure: F; attempts: number; retryAfterMs?: number };

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy is spent. A Retry-After longer than
 * `maxDelayMs` ends the loop at once (with `retryAfterMs` set) so the caller can reschedule instead of
 * holding a webhook delivery open.
 */
export async function withRetry<T, F>(
  policy: RetryPolicy,
  sleep: Sleep,
  attempt: (n: number) => Promise<AttemptOutcome<T, F>>,
): Promise<RetryResult<T, F>> {
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if (outcome.ok) return outcome;
    const { failure, retryable, retryAfterMs } = outcome;
    const waitTooLong = retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs;
    if (!retryable || n >= policy.attempts || waitTooLong) {
      return { ok: false, failure, attempts: n, retryAfterMs: waitTooLong ? retryAfterMs : undefined };
    }
    await sleep(retryAfterMs ?? backoffDelay(n, policy));
  }
}
