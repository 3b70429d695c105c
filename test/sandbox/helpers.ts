/** Small helpers for the sandbox tests: a JSON client for the emulator and fresh request bodies per call. */
import { expect } from "vitest";
import type { IdentityMapping, OidcIntegration } from "../../src/jfrog/types.js";

export const ADMIN_TOKEN = "sandbox-admin-token";
export const API = "/access/api/v1";

export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  /** Bearer token; `null` sends no Authorization header. */
  token?: string | null;
  signal?: AbortSignal;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined = opts.rawBody;
  if (body === undefined && opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${baseUrl}${API}${path}`, { method, headers, body, signal: opts.signal });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    headers: response.headers,
    body: type.includes("json") ? JSON.parse(text) : text,
  };
}

export function jfrogErrorOf(code: string, message: string | RegExp) {
  return {
    errors: [{ code, message: typeof message === "string" ? message : expect.stringMatching(message) }],
  };
}

export function githubIntegration(overrides: Partial<OidcIntegration> = {}): OidcIntegration {
  return {
    name: "github-acme",
    issuer_url: "https://token.actions.githubusercontent.com",
    provider_type: "GitHub",
    audience: "jfrog-github",
    organization: "acme",
    description: "GitHub Actions of acme",
    ...overrides,
  };
}

export function repoMapping(overrides: Partial<IdentityMapping> = {}): IdentityMapping {
  return {
    name: "gh-repo-74",
    description: "acme/app",
    priority: 10,
    claims: { repository: "acme/app", repository_id: "74", repository_owner_id: "5" },
    token_spec: { scope: 'applied-permissions/groups:"readers"', expires_in: 600 },
    ...overrides,
  };
}
