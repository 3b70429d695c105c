/**
 * One error type for every way a JFrog call can fail, shaped so callers can branch on `kind` and users can act
 * on `message`. Nothing here ever sees the admin token: the transport redacts text before it gets here.
 */
export type JFrogErrorKind = "auth" | "not-found" | "conflict" | "validation" | "unavailable";

export interface JFrogErrorInit {
  /** What the app was trying to do, e.g. `create identity mapping "gh-o5-r74" on provider "github-acme"`. */
  operation: string;
  kind: JFrogErrorKind;
  /** True when trying again later may succeed (429, 5xx, network); the client already retried. */
  retryable: boolean;
  status?: number;
  jfrogMessage?: string;
  /** Set when JFrog asked (Retry-After) for a longer pause than the client is willing to wait. */
  retryAfterMs?: number;
  cause?: Error;
}

export class JFrogError extends Error {
  override readonly name = "JFrogError";
  readonly operation: string;
  readonly kind: JFrogErrorKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly jfrogMessage?: string;
  readonly retryAfterMs?: number;

  constructor(message: string, init: JFrogErrorInit) {
    super(message, init.cause ? { cause: init.cause } : undefined);
    this.operation = init.operation;
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.status = init.status;
    this.jfrogMessage = init.jfrogMessage;
    this.retryAfterMs = init.retryAfterMs;
  }
}

const MAX_MESSAGE_CHARS = 500;

/**
 * JFrog's own words from an error body: `code: message` pairs from `{"errors":[…]}`, else the text itself
 * (some endpoints answer text/plain, proxies answer HTML). See shared/reference/jfrog-access-oidc.md#status-codes.
 */
export function describeBody(text: string): string | undefined {
  const parsed = tryParseJson(text);
  let described = text;
  if (isRecord(parsed) && Array.isArray(parsed.errors) && parsed.errors.length > 0) {
    described = parsed.errors.filter(isRecord).map(codeAndMessage).join("; ") || text;
  } else if (isRecord(parsed) && typeof parsed.message === "string") {
    described = parsed.message;
  }
  const oneLine = described.replace(/\s+/g, " ").trim();
  if (oneLine === "") return undefined;
  return oneLine.length > MAX_MESSAGE_CHARS ? `${oneLine.slice(0, MAX_MESSAGE_CHARS)}…` : oneLine;
}

/** A non-2xx answer that the client will not (or no longer) retry. */
export function httpError(
  operation: string,
  status: number,
  bodyText: string,
  attempts: number,
  retryAfterMs?: number,
): JFrogError {
  const jfrogMessage = describeBody(bodyText);
  const kind = kindOf(status, jfrogMessage);
  const retryable = kind === "unavailable" && (status === 429 || status >= 500);
  const detail = `HTTP ${status}${jfrogMessage ? ` ${jfrogMessage}` : ""}`;
  const init = { operation, kind, retryable, status, jfrogMessage, retryAfterMs };
  if (kind === "unavailable") {
    const wait = retryAfterMs === undefined ? "" : `; JFrog asks to wait ${Math.ceil(retryAfterMs / 1000)} s`;
    return new JFrogError(
      `JFrog unavailable while trying to ${operation}: ${detail}${after(attempts)}${wait}`,
      init,
    );
  }
  return new JFrogError(`JFrog refused to ${operation}: ${detail}${noteFor(kind, status, attempts)}`, init);
}

/** No HTTP answer at all: DNS, TLS, connection reset, or our own timeout. `cause` is already redacted. */
export function networkError(operation: string, cause: string, attempts: number): JFrogError {
  return new JFrogError(`JFrog unreachable while trying to ${operation}: ${cause}${after(attempts)}`, {
    operation,
    kind: "unavailable",
    retryable: true,
    cause: new Error(cause),
  });
}

/** A 2xx whose body is not what the API documents (e.g. an SSO proxy's HTML login page). */
export function unexpectedBodyError(operation: string, expected: string, bodyText: string): JFrogError {
  const jfrogMessage = describeBody(bodyText);
  return new JFrogError(
    `JFrog answered unexpectedly while trying to ${operation}: expected ${expected}, got ${jfrogMessage ? `"${jfrogMessage}"` : "an empty body"}`,
    { operation, kind: "unavailable", retryable: false, jfrogMessage },
  );
}

function kindOf(status: number, jfrogMessage: string | undefined): JFrogErrorKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not-found";
  // A duplicate create answers 409 or 400 "… already exists" depending on the source (reference: Status codes).
  if (status === 409 || (status === 400 && /already exist/i.test(jfrogMessage ?? ""))) return "conflict";
  if (status >= 400 && status < 500 && status !== 429) return "validation";
  return "unavailable";
}

function noteFor(kind: JFrogErrorKind, status: number, attempts: number): string {
  if (status === 401) {
    return ". Hint: the admin token was rejected; it may be expired, revoked, or issued by another JFrog instance.";
  }
  if (status === 403) {
    return ". Hint: the token lacks rights; it needs admin (or Project Admin for project-scoped mappings).";
  }
  if (kind === "conflict" && attempts > 1) {
    return " (an earlier attempt may have succeeded before its answer was lost)";
  }
  return "";
}

function after(attempts: number): string {
  return ` (after ${attempts} attempt${attempts === 1 ? "" : "s"})`;
}

/** JSON.parse that answers undefined instead of throwing: JFrog's bodies are not always JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One entry of `JFrogErrorBody.errors`, read defensively: either half may be missing. */
function codeAndMessage(entry: Record<string, unknown>): string {
  return [entry.code, entry.message].filter((part) => typeof part === "string" && part !== "").join(": ");
}
