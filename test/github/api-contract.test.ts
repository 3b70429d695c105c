/**
 * Every GitHub call the app makes exists in GitHub's published descriptions: REST routes in the OpenAPI document
 * (`@octokit/openapi`), GraphQL documents validated against the real schema (`@octokit/graphql-schema`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import {
  ObserveOrganizationDocument,
  ObserveRepositoryDocument,
  ReadWorkflowFilesDocument,
} from "../../src/github/graphql/operations.generated.js";
import { CREATE_COMMIT_MUTATION } from "../../src/github/onboarding-pull-request.js";

const require = createRequire(import.meta.url);
const openapi = require("@octokit/openapi/generated/api.github.com.json") as {
  paths: Record<string, Record<string, unknown>>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? entry.name === "sandbox"
        ? []
        : sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `octokit.request("METHOD /route", …)` calls in the app's source (the sandbox emulates GitHub, it doesn't call it). */
function restRoutes(): string[] {
  const routes = new Set<string>();
  for (const file of sourceFiles("src"))
    for (const match of readFileSync(file, "utf8").matchAll(
      /\.(?:request|paginate|paginate\.iterator)\(\s*"([A-Z]+) (\/[^"]+)"/g,
    ))
      routes.add(`${match[1]} ${match[2]}`);
  return [...routes].sort();
}

describe("GitHub API contract", () => {
  it("finds the app's REST routes", () => {
    expect(restRoutes().length).toBeGreaterThanOrEqual(8);
  });

  it.each(restRoutes())("%s exists in GitHub's OpenAPI description", (route) => {
    const [method = "", path = ""] = route.split(" ");
    expect(Object.keys(openapi.paths[path] ?? {})).toContain(method.toLowerCase());
  });

  it.each([
    ["ObserveRepository", ObserveRepositoryDocument.toString()],
    ["ObserveOrganization", ObserveOrganizationDocument.toString()],
    ["AddWorkflowFile", CREATE_COMMIT_MUTATION],
    ["ReadWorkflowFiles", ReadWorkflowFilesDocument.toString()],
  ])("the %s document is valid against GitHub's GraphQL schema", (_name, document) => {
    expect(validate(document).map((e) => e.message)).toEqual([]);
  });
});
