/**
 * Typed client for JFrog Access's OIDC API (integrations and identity mappings), all under `/access/api/v1`.
 * API facts and their conflicts: shared/reference/jfrog-access-oidc.md.
 */
import { type JFrogUrl, parseJFrogUrl } from "./base-url.js";
import { JFrogError, tryParseJson, unexpectedBodyError } from "./errors.js";
import { DEFAULT_RETRY, type RetryPolicy, realSleep, type Sleep } from "./retry.js";
import { type JFrogAnswer, type JFrogRequest, Transport } from "./transport.js";
import type { IdentityMapping, OidcIntegration } from "./types.js";

export interface JFrogClientOptions {
  /** e.g. `https://acme.jfrog.io`, no trailing slash. */
  baseUrl: string;
  /**
   * Admin (or Project Admin) access token. Never logged, never put in errors. A `TokenSource` is read at every
   * request and asked to refresh after a 401 (JFROG_ACCESS_TOKEN_FILE: a rotated secret needs no restart).
   */
  token: string | TokenSource;
  /** Per attempt. Default 10 000. */
  timeoutMs?: number;
  /** Default: 4 attempts, 500 ms base, 10 s max. */
  retry?: RetryPolicy;
  /** Injectable so tests don't wait. */
  sleep?: Sleep;
  fetch?: typeof fetch;
}

/** Where the token comes from when it can change while the app runs (settings/token-file.ts). */
export interface TokenSource {
  current(): string;
  /** Re-reads it now; true when it changed. */
  refresh(): boolean;
}

/** Project-scoped mappings: sent as `?project_key=KEY`. */
export interface JFrogScope {
  projectKey?: string;
}

export class JFrogClient {
  readonly #http: Transport;
  readonly #baseUrl: JFrogUrl;

  constructor(options: JFrogClientOptions) {
    // Tokens pasted from files or env vars often carry a trailing newline, which fetch rejects as a header value.
    const source = typeof options.token === "string" ? undefined : options.token;
    const token = (typeof options.token === "string" ? options.token : options.token.current()).trim();
    if (token === "" || /[\s\0]/.test(token))
      throw new TypeError("JFrog token is empty or contains whitespace");
    const baseUrl = checkedBaseUrl(options.baseUrl);
    const retry = options.retry ?? DEFAULT_RETRY;
    if (!Number.isInteger(retry.attempts) || retry.attempts < 1)
      throw new RangeError("retry.attempts must be ≥ 1");
    this.#baseUrl = baseUrl;
    this.#http = new Transport({
      baseUrl,
      token: source ? () => source.current() : () => token,
      ...(source && { refreshToken: () => source.refresh() }),
      timeoutMs: options.timeoutMs ?? 10_000,
      retry,
      sleep: options.sleep ?? realSleep,
      // Resolved per call so a fetch patched after construction (nock, undici mocks) is still used.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
  }

  /** Proves JFrog answers and accepts the token for OIDC administration (401/403 become `kind: "auth"`). */
  async checkAccess(): Promise<void> {
    await this.#http.send({
      method: "GET",
      path: "/oidc",
      operation: `list OIDC integrations at ${this.#baseUrl}`,
    });
  }

  async listIntegrations(): Promise<OidcIntegration[]> {
    const operation = "list OIDC integrations";
    return asList<OidcIntegration>(
      await this.#http.send({ method: "GET", path: "/oidc", operation }),
      operation,
    );
  }

  async getIntegration(name: string): Promise<OidcIntegration | null> {
    const operation = `read OIDC integration "${name}"`;
    const path = integrationPath(name, operation);
    return orNull(async () =>
      asItem<OidcIntegration>(await this.#http.send({ method: "GET", path, operation }), operation),
    );
  }

  async createIntegration(integration: OidcIntegration): Promise<void> {
    await this.#http.send({
      method: "POST",
      path: "/oidc",
      body: integration,
      operation: `create OIDC integration "${integration.name}"`,
    });
  }

  /** PUT replaces the whole object: there is no PATCH. */
  async updateIntegration(integration: OidcIntegration): Promise<void> {
    const operation = `update OIDC integration "${integration.name}"`;
    const path = integrationPath(integration.name, operation);
    await this.#http.send({ method: "PUT", path, body: integration, operation });
  }

  async listMappings(provider: string, scope?: JFrogScope): Promise<IdentityMapping[]> {
    const operation = `list identity mappings on provider "${provider}"${inProject(scope)}`;
    // The docs show a trailing "/" on this one route; JFrog's Terraform provider calls it without.
    const path = mappingsPath(provider, operation);
    const answer = await this.#http.send({ method: "GET", path, query: queryOf(scope), operation });
    return asList<IdentityMapping>(answer, operation);
  }

  async getMapping(provider: string, name: string, scope?: JFrogScope): Promise<IdentityMapping | null> {
    const operation = `read identity mapping "${name}" on provider "${provider}"${inProject(scope)}`;
    const request = this.#mappingRequest("GET", provider, name, scope, operation);
    return orNull(async () => asItem<IdentityMapping>(await this.#http.send(request), operation));
  }

  async createMapping(provider: string, mapping: IdentityMapping, scope?: JFrogScope): Promise<void> {
    const operation = `create identity mapping "${mapping.name}" on provider "${provider}"${inProject(scope)}`;
    const path = mappingsPath(provider, operation);
    const body = mappingBody(provider, mapping, scope);
    await this.#http.send({ method: "POST", path, query: queryOf(scope), body, operation });
  }

  /** PUT replaces the whole object: there is no PATCH. */
  async updateMapping(provider: string, mapping: IdentityMapping, scope?: JFrogScope): Promise<void> {
    const operation = `update identity mapping "${mapping.name}" on provider "${provider}"${inProject(scope)}`;
    const request = this.#mappingRequest("PUT", provider, mapping.name, scope, operation);
    await this.#http.send({ ...request, body: mappingBody(provider, mapping, scope) });
  }

  /** Idempotent: a mapping (or provider) that is already gone counts as deleted. */
  async deleteMapping(provider: string, name: string, scope?: JFrogScope): Promise<void> {
    const operation = `delete identity mapping "${name}" on provider "${provider}"${inProject(scope)}`;
    await orNull(() => this.#http.send(this.#mappingRequest("DELETE", provider, name, scope, operation)));
  }

  #mappingRequest(
    method: JFrogRequest["method"],
    provider: string,
    name: string,
    scope: JFrogScope | undefined,
    operation: string,
  ): JFrogRequest {
    const path = `${mappingsPath(provider, operation)}/${segment(name, operation)}`;
    return { method, path, query: queryOf(scope), operation };
  }
}

function checkedBaseUrl(raw: string): JFrogUrl {
  const parsed = parseJFrogUrl(raw);
  if (parsed.ok) return parsed.url;
  // The value itself is not echoed: a URL with embedded credentials would put them in logs.
  throw new TypeError(`JFrog base URL must look like https://acme.jfrog.io: it ${parsed.problem}`);
}

/**
 * Names come from config, so they are encoded; "", "." and ".." would still change which route is hit
 * (`/oidc/` lists, `/oidc/..` climbs), so they never reach the wire.
 */
function segment(name: string, operation: string): string {
  if (name === "" || name === "." || name === "..") {
    throw new JFrogError(`Cannot ${operation}: "${name}" is not a usable name`, {
      operation,
      kind: "validation",
      retryable: false,
    });
  }
  return encodeURIComponent(name);
}

function integrationPath(name: string, operation: string): string {
  return `/oidc/${segment(name, operation)}`;
}

function mappingsPath(provider: string, operation: string): string {
  return `${integrationPath(provider, operation)}/identity_mappings`;
}

function queryOf(scope: JFrogScope | undefined): URLSearchParams | undefined {
  return scope?.projectKey ? new URLSearchParams({ project_key: scope.projectKey }) : undefined;
}

function inProject(scope: JFrogScope | undefined): string {
  return scope?.projectKey ? ` in project "${scope.projectKey}"` : "";
}

/**
 * Sources disagree on where a mapping's project lives: the reference says the query parameter decides and the body's
 * `project_key` is ignored, while JFrog's Terraform provider sends it only in the body. Sending both works either way.
 * `provider_name` follows the path, which is what JFrog routes on.
 */
function mappingBody(
  provider: string,
  mapping: IdentityMapping,
  scope: JFrogScope | undefined,
): IdentityMapping {
  const body: IdentityMapping = { ...mapping, provider_name: provider };
  if (scope?.projectKey) body.project_key = scope.projectKey;
  return body;
}

async function orNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof JFrogError && error.kind === "not-found") return null;
    throw error;
  }
}

/** An empty 2xx body on a list means "nothing there"; anything but a JSON array is a surprise worth reporting. */
function asList<T>(answer: JFrogAnswer, operation: string): T[] {
  if (answer.text.trim() === "") return [];
  const parsed = tryParseJson(answer.text);
  if (!Array.isArray(parsed)) throw unexpectedBodyError(operation, "a JSON array", answer.text);
  return parsed as T[];
}

function asItem<T extends { name: string }>(answer: JFrogAnswer, operation: string): T {
  const parsed = tryParseJson(answer.text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !("name" in parsed)) {
    throw unexpectedBodyError(operation, "a JSON object with a name", answer.text);
  }
  return parsed as T;
}
