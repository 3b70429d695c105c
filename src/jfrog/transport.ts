/**
 * Sends one logical request to JFrog Access: auth header, per-attempt timeout, retries, and turning failures into
 * `JFrogError`s. The only place that holds the admin token; every text that can reach an error is redacted first.
 */
import { httpError, networkError } from "./errors.js";
import { type AttemptOutcome, parseRetryAfter, type RetryPolicy, type Sleep, withRetry } from "./retry.js";

export interface TransportOptions {
  /** Origin of the JFrog platform, without trailing slash. */
  baseUrl: string;
  /** Read at every attempt: a rotated token file is used from the next request on. */
  token: () => string;
  /** After a 401: re-read the token; true when it changed (the request is then sent once more with it). */
  refreshToken?: () => boolean;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: Sleep;
  fetch: typeof fetch;
}

export interface JFrogRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Below `/access/api/v1`, segments already URL-encoded. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** For error messages: `create identity mapping "x" on provider "y"`. */
  operation: string;
}

/** A 2xx answer. Its body may be JSON, text/plain or empty: JFrog varies (reference: Status codes). */
export interface JFrogAnswer {
  status: number;
  text: string;
}

type Failure = { type: "http"; status: number; text: string } | { type: "network"; description: string };

const API_ROOT = "/access/api/v1";

export class Transport {
  // Private fields stay out of JSON.stringify, util.inspect and structured logs of the client.
  readonly #options: TransportOptions;

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  async send(request: JFrogRequest): Promise<JFrogAnswer> {
    const { retry, sleep } = this.#options;
    let result = await withRetry(retry, sleep, () => this.#attempt(request));
    // Refused with the token we hold, and the operator rotated it meanwhile (the secret file changed): once more.
    if (
      !result.ok &&
      result.failure.type === "http" &&
      result.failure.status === 401 &&
      this.#options.refreshToken?.()
    )
      result = await withRetry(retry, sleep, () => this.#attempt(request));
    if (result.ok) return result.value;
    const { failure, attempts, retryAfterMs } = result;
    throw failure.type === "http"
      ? httpError(request.operation, failure.status, failure.text, attempts, retryAfterMs)
      : networkError(request.operation, failure.description, attempts);
  }

  async #attempt(request: JFrogRequest): Promise<AttemptOutcome<JFrogAnswer, Failure>> {
    const { baseUrl, timeoutMs, fetch: fetchFn } = this.#options;
    const token = this.#options.token();
    const search = request.query?.toString();
    const query = search ? `?${search}` : "";
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    try {
      const response = await fetchFn(`${baseUrl}${API_ROOT}${request.path}${query}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // Per attempt, and it also bounds reading the body.
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = this.#redact(await response.text());
      if (response.ok) return { ok: true, value: { status: response.status, text } };
      const retryable = response.status === 429 || response.status >= 500;
      const retryAfterMs = retryable
        ? parseRetryAfter(response.headers.get("retry-after"), Date.now())
        : undefined;
      return { ok: false, retryable, retryAfterMs, failure: { type: "http", status: response.status, text } };
    } catch (error) {
      const description = this.#redact(describeFailure(error, timeoutMs));
      return { ok: false, retryable: true, failure: { type: "network", description } };
    }
  }

  /** JFrog or a proxy could echo the token back; undici puts bad header values in its messages. */
  #redact(text: string): string {
    return text.replaceAll(this.#options.token(), "[redacted]");
  }
}

/**
 * A one-line story of why fetch threw. undici wraps the real reason: `TypeError: fetch failed` whose cause is
 * `getaddrinfo ENOTFOUND …`. Only messages and codes are kept, never the error objects (they may carry the request).
 */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    const code = (current as { code?: unknown }).code;
    const part = typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message;
    if (part && !parts.includes(part)) parts.push(part);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ") || "unknown network error";
}
