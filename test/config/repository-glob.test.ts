import { describe, expect, it } from "vitest";
import { policySchema } from "../../src/config/policy-schema.js";

const provider = { name: "github-acme", audience: "jfrog-github" };
const token = { scope: "groups", groups: ["ci-readers"] };

function scopeOf(include: string[] | undefined, exclude: string[] = []) {
  const repositories = include ? { include, exclude } : { exclude };
  return policySchema.parse({ provider, token, repositories }).repositories;
}

function matching(patterns: string[], names: string[]): string[] {
  const { include } = scopeOf(patterns);
  return names.filter((name) => include.some((glob) => glob.matches(name)));
}

describe("repository name globs (compiled when the policy is parsed)", () => {
  it("match whole names, case-insensitively, with * for any run and ? for one character", () => {
    const names = ["api", "API-server", "web-api", "api2", "ap", "apix1"];
    expect(matching(["api*"], names)).toEqual(["api", "API-server", "api2", "apix1"]);
    expect(matching(["api?"], names)).toEqual(["api2"]);
    expect(matching(["*-api"], names)).toEqual(["web-api"]);
    expect(matching(["api"], names)).toEqual(["api"]);
  });

  it("take '.', '-' and '_' literally, and let * match a leading dot (the org's .github)", () => {
    expect(matching(["a.b"], ["a.b", "axb"])).toEqual(["a.b"]);
    expect(matching(["*"], [".github", "docs"])).toEqual([".github", "docs"]);
    expect(matching(["***_."], ["x_.", "x_b"])).toEqual(["x_."]);
  });

  it("default include is every repository, and keep the written pattern for messages and JSON", () => {
    const rules = scopeOf(undefined, ["sandbox-*"]);
    expect(rules.include.map((glob) => glob.pattern)).toEqual(["*"]);
    expect(rules.include[0]?.matches("anything")).toBe(true);
    expect(JSON.stringify(rules.exclude)).toBe('["sandbox-*"]');
  });

  it("refuse a pattern with characters a repository name cannot hold", () => {
    const parsed = policySchema.safeParse({ provider, token, repositories: { include: ["a/b"] } });
    expect(parsed.success).toBe(false);
  });
});
