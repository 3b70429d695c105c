/**
 * What the e2e scenarios do and read besides the app: a JFrog administrator's calls to the Access API (making a
 * mapping by hand, changing the integration), the app's JFrog writes, and the app's log lines.
 */
import type { World } from "../../src/sandbox/world.js";

/** A JFrog administrator's request under `/access/api/v1/oidc` (not the app); throws unless JFrog accepted it. */
export async function jfrogAdmin(world: World, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${world.jfrog.url}/access/api/v1/oidc${path}`, {
    method,
    headers: { authorization: `Bearer ${world.jfrogAdminToken}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`JFrog admin ${method} ${path}: ${response.status} ${await response.text()}`);
}

/** The app's writes to JFrog from request `from` of its log on, as `METHOD path` (the query left out). */
export function jfrogWritesSince(world: World, from = 0): string[] {
  return world.jfrog.requests
    .slice(from)
    .filter((r) => r.method !== "GET" && r.path !== "/access/api/v1/oidc/token")
    .map((r) => `${r.method} ${r.path}`);
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** The app's log lines so far, parsed. */
export function logged(world: World): LogLine[] {
  return world.logs.map((line) => JSON.parse(line) as LogLine);
}
