/**
 * The emulator's REST surface is GitHub's: every route it serves exists in GitHub's OpenAPI description (and in
 * GitHub Enterprise Server's, which serves the same paths under /api/v3), with the documentation URL GitHub puts
 * in its error bodies; and every route the app calls is served.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REST_ROUTES } from "../../../src/sandbox/github/index.js";

const require = createRequire(import.meta.url);
type OpenApi = { paths: Record<string, Record<string, { externalDocs?: { url?: string } }>> };
const dotcom = require("@octokit/openapi/generated/api.github.com.json") as OpenApi;
const ghes = require("@octokit/openapi/generated/ghes-3.19.json") as OpenApi;

const served = REST_ROUTES.map((r) => `${r.method} ${r.path}`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === "sandbox" ? [] : sourceFiles(join(dir, entry.name));
    return entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [];
  });
}

/** `octokit.request("METHOD /route", …)` anywhere in the app, the call split over lines or not. */
function appRoutes(): string[] {
  const routes = new Set<string>();
  for (const file of sourceFiles("src"))
    for (const m of readFileSync(file, "utf8").matchAll(
      /\.(?:request|paginate|paginate\.iterator)(?:<[^>]*>)?\(\s*"([A-Z]+) (\/[^"]+)"/g,
    ))
      routes.add(`${m[1]} ${m[2]}`);
  // Probot's config plugin reads the org policy with this one.
  routes.add("GET /repos/{owner}/{repo}/contents/{path}");
  // Probot's auth plugin asks for installation tokens with this one.
  routes.add("POST /app/installations/{installation_id}/access_tokens");
  return [...routes].sort();
}

describe("the GitHub emulator's REST routes", () => {
  it("has no duplicates", () => {
    expect(new Set(served).size).toBe(served.length);
  });

  it.each(REST_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s is in GitHub's OpenAPI description",
    (_, route) => {
      const operation = dotcom.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation, "missing from api.github.com").toBeDefined();
      expect(route.docs).toBe(operation?.externalDocs?.url);
      expect(
        ghes.paths[route.path]?.[route.method.toLowerCase()],
        "missing from GitHub Enterprise Server",
      ).toBeDefined();
    },
  );

  it.each(appRoutes())("%s, which the app calls, is served", (route) => {
    expect(served).toContain(route);
  });
});
