/** A JFrog administrator at work on the world's JFrog (not the app): the Access API with the admin token. */
import type { World } from "../../src/sandbox/world.js";

/** `method path` under `/access/api/v1/oidc`; throws on anything but success, so a test's setup cannot half-happen. */
export async function jfrogAdmin(world: World, method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${world.jfrog.url}/access/api/v1/oidc${path}`, {
    method,
    headers: { authorization: `Bearer ${world.jfrogAdminToken}`, "content-type": "application/json" },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`JFrog admin ${method} ${path}: ${response.status} ${await response.text()}`);
}
