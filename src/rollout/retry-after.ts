/**
 * How long a failed job must wait at least, when the service said so: JFrog's `Retry-After` (kept on JFrogError),
 * or GitHub's `retry-after` / `x-ratelimit-reset` on a rate-limited answer (403 or 429). Retrying sooner only
 * spends another attempt on a certain refusal.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function retryAfterMs(error: unknown, nowMs: number): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const jfrog = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof jfrog === "number" && jfrog >= 0) return jfrog;

  const headers = (error as { response?: { headers?: Record<string, string | number | undefined> } }).response
    ?.headers;
  if (!headers) return undefined;
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  if (String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - nowMs);
  }
  return undefined;
}
