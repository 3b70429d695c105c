/**
 * How long a failed job must wait at least, when the service said so: JFrog's `Retry-After` (kept on JFrogError),
 * or GitHub's `retry-after` / `x-ratelimit-reset` on a rate-limited answer (REST 403 or 429, or a GraphQL answer
 * whose errors say RATE_LIMITED). Retrying sooner only spends another attempt on a certain refusal.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function retryAfterMs(error: unknown, nowMs: number): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const jfrog = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof jfrog === "number" && jfrog >= 0) return jfrog;

  const headers = headersOf(error);
  if (!headers) return undefined;
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  if (String(headers["x-ratelimit-remaining"]) === "0") {
    const reset = Number(headers["x-ratelimit-reset"]);
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - nowMs);
  }
  return undefined;
}

type Headers = Record<string, string | number | undefined>;

/** A REST error keeps the answer's headers on `response`; Octokit's GraphqlResponseError keeps them on `headers`. */
function headersOf(error: object): Headers | undefined {
  const rest = (error as { response?: { headers?: Headers } }).response?.headers;
  if (rest) return rest;
  const graphql = (error as { headers?: unknown }).headers;
  return typeof graphql === "object" && graphql !== null ? (graphql as Headers) : undefined;
}
