/**
 * A GitHub emulator with an app registered and installed on `acme`, and small clients for its REST and GraphQL
 * APIs, for the emulator's own tests. Fresh request bodies on every call; nothing shared between tests.
 */
import type { KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { expect } from "vitest";
import {
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  type Permissions,
  startGitHubEmulator,
} from "../../../src/sandbox/github/index.js";
import { appKeyObjects } from "../../support/app-key.js";

export const APP_ID = 77;

export const PERMISSIONS: Permissions = {
  contents: "write",
  workflows: "write",
  pull_requests: "write",
  issues: "write",
  checks: "write",
  metadata: "read",
  members: "read",
};

export interface Setup {
  github: GitHubEmulator;
  privateKey: KeyObject;
  installationId: number;
  token: string;
}

/** The one app key of the test process (generating one costs tens of milliseconds). */
const keys = appKeyObjects();

export async function setup(
  options: GitHubEmulatorOptions & { permissions?: Permissions; events?: string[] } = {},
): Promise<Setup> {
  const { permissions, events, ...emulatorOptions } = options;
  const github = await startGitHubEmulator(emulatorOptions);
  github.registerApp({
    id: APP_ID,
    slug: "test-app",
    publicKey: keys.publicKey,
    permissions: PERMISSIONS,
    events: events ?? [],
  });
  github.createOrg("acme", { admins: ["octocat"], members: ["mona"], teams: ["platform"] });
  github.createOrg("other", { admins: ["stranger"] });
  // Created before the installation exists, so no webhook announces them.
  github.createRepository({
    owner: "acme",
    name: "web",
    files: { "README.md": "# web\n", "package.json": "{}\n" },
  });
  github.createRepository({ owner: "acme", name: "empty" });
  github.createRepository({ owner: "other", name: "secret", files: { "README.md": "# secret\n" } });
  const installation = github.install("acme", { ...(permissions && { permissions }) });
  return {
    github,
    privateKey: keys.privateKey,
    installationId: installation.id,
    token: github.installationToken(installation.id),
  };
}

export function appJwt(
  privateKey: KeyObject = keys.privateKey,
  claims: { iss?: unknown; iat?: number; exp?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: claims.iss ?? APP_ID,
    iat: claims.iat ?? now - 30,
    exp: claims.exp ?? now + 540,
  } as Record<string, unknown>)
    .setProtectedHeader({ alg: "RS256" })
    .sign(privateKey);
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  accept?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A REST call under `/api/v3` (or any path starting with `/` when `raw`). */
export async function call(
  github: GitHubEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { accept: options.accept ?? "application/vnd.github+json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const url = path.startsWith("/api/") ? `${github.url}${path}` : `${github.apiUrl}${path}`;
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    headers: response.headers,
    body: type.includes("json") && text ? JSON.parse(text) : text,
  };
}

export function graphql(
  github: GitHubEmulator,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
) {
  return call(github, "POST", "/api/graphql", { token, body: { query, variables } });
}

/** GitHub's REST error shape. */
export function githubError(status: number, message: string | RegExp) {
  return {
    message: typeof message === "string" ? message : expect.stringMatching(message),
    documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
    status: String(status),
  };
}
