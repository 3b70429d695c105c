/**
 * `jfrog-oidc-rollout audit` end to end: the real CLI against the GitHub and JFrog emulators, read-only. A clean
 * integration exits 0; a hand-made org-wide mapping evaluated before the app's is reported per repository, exit 1.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { type CliWorld, startCliWorld } from "./cli-world.js";

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(async () => {
  await world.close();
});

async function audit(format: "table" | "json") {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(["audit", "--org", "acme", "--format", format], world.env, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

interface AuditJson {
  summary: { mappings: number; shadowedRepositories: number };
  repositories: Array<{ repository?: string; fullName?: string; shadowedBy?: unknown[] }>;
}

it("reports a clean integration with exit 0, writing nothing", async () => {
  const mappingsBefore = world.jfrog.state.mappings.length;
  const { code, stdout } = await audit("json");
  const report = JSON.parse(stdout) as AuditJson;
  expect(report.summary).toMatchObject({ mappings: 1, shadowedRepositories: 0 });
  expect(code).toBe(0);
  expect(world.jfrog.state.mappings).toHaveLength(mappingsBefore);
});

it("names every repository an org-wide hand-made mapping decides before the app's, with exit 1", async () => {
  const response = await fetch(`${world.env.JFROG_URL}/access/api/v1/oidc/github-acme/identity_mappings`, {
    method: "POST",
    headers: { authorization: `Bearer ${world.env.JFROG_ACCESS_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "org-wide",
      provider_name: "github-acme",
      priority: 1,
      claims: { iss: "https://token.actions.githubusercontent.com", repository_owner: "acme" },
      token_spec: { scope: 'applied-permissions/groups:"deployers"', expires_in: 3600 },
    }),
  });
  expect(response.ok).toBe(true);
  const { code, stdout } = await audit("json");
  const report = JSON.parse(stdout) as AuditJson;
  expect(code).toBe(1);
  expect(report.summary.mappings).toBe(2);
  // acme/done has the app's mapping (priority 100): the org-wide one at priority 1 decides its tokens.
  expect(report.summary.shadowedRepositories).toBeGreaterThanOrEqual(1);
  expect(JSON.stringify(report.repositories)).toContain("acme/done");
  const table = await audit("table");
  expect(table.code).toBe(1);
  expect(table.stdout).toContain("org-wide");
});
