import { describe, expect, it } from "vitest";
import { explainExchange } from "../../src/commands/verify/explain-exchange.js";
import { renderVerify } from "../../src/commands/verify/render-verify.js";
import { simulateToken } from "../../src/commands/verify/simulate-token.js";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { desiredMapping } from "../../src/reconcile/desired-mapping.js";
import { policy } from "../fixtures/policy.js";
import { repoFacts } from "../fixtures/repo-facts.js";

const repo = repoFacts();
const own = desiredMapping(repo, policy({ claims: { ref: ["$default"] } }));

function token(options: { ref?: string; environment?: string; workflow?: string } = {}) {
  return simulateToken({
    repo,
    issuer: "https://token.actions.githubusercontent.com",
    audience: "jfrog-github",
    appWorkflow: { path: ".github/workflows/jfrog-oidc.yml", name: "JFrog" },
    ...options,
  });
}

function foreign(
  name: string,
  priority: number | undefined,
  claims: IdentityMapping["claims"],
): IdentityMapping {
  return { name, priority, claims, token_spec: { scope: "applied-permissions/admin" } };
}

describe("simulateToken", () => {
  it("builds the claims GitHub sends for a push to the default branch", () => {
    expect(token().claims).toEqual({
      iss: "https://token.actions.githubusercontent.com",
      aud: "jfrog-github",
      sub: "repo:acme/app:ref:refs/heads/main",
      ref: "refs/heads/main",
      ref_type: "branch",
      repository: "acme/app",
      repository_id: "74",
      repository_owner: "acme",
      repository_owner_id: "5",
      repository_visibility: "private",
      workflow: "JFrog",
      workflow_ref: "acme/app/.github/workflows/jfrog-oidc.yml@refs/heads/main",
      job_workflow_ref: "acme/app/.github/workflows/jfrog-oidc.yml@refs/heads/main",
      event_name: "push",
      runner_environment: "github-hosted",
    });
  });

  it("follows GitHub's sub for environments, tags and pull requests", () => {
    expect(token({ environment: "prod" }).claims).toMatchObject({
      sub: "repo:acme/app:environment:prod",
      environment: "prod",
    });
    expect(token({ ref: "refs/tags/v1" }).claims).toMatchObject({ ref_type: "tag" });
    expect(token({ ref: "refs/pull/3/merge" }).claims).toMatchObject({
      sub: "repo:acme/app:pull_request",
      event_name: "pull_request",
    });
  });

  it("says when it assumes a workflow name", () => {
    const other = token({ workflow: ".github/workflows/release.yml" });
    expect(other.claims.workflow).toBe("release");
    expect(other.assumptions.join()).toContain("file name is assumed");
  });
});

describe("explainExchange", () => {
  it("picks the first match by priority and marks the repository's own mapping", () => {
    const result = explainExchange({
      project: [],
      global: [
        own,
        foreign("wide", 5, { repository_owner: "acme" }),
        foreign("other", 1, { repository_id: "99" }),
      ],
      claims: token().claims,
      ownName: own.name,
    });
    expect(result.winner?.mapping.name).toBe("wide");
    expect(result.relevant.map((e) => [e.mapping.name, e.own, e.result.kind])).toEqual([
      ["wide", false, "match"],
      [own.name, true, "match"],
    ]);
  });

  it("tries project mappings before global ones, counting a name listed in both once", () => {
    const projectOwn = { ...own, priority: 500 };
    const result = explainExchange({
      project: [projectOwn],
      global: [own, foreign("first-global", 1, { repository_owner: "acme" })],
      claims: token().claims,
      ownName: own.name,
    });
    expect(result.winner?.scope).toBe("project");
    expect(result.relevant.map((e) => `${e.scope}:${e.mapping.name}`)).toEqual([
      `project:${own.name}`,
      "global:first-global",
    ]);
  });

  it("says 'depends' for a mapping that pins a claim which changes per run", () => {
    const result = explainExchange({
      project: [],
      global: [foreign("alice-only", 1, { repository_owner: "acme", actor: "alice" }), own],
      claims: token().claims,
      ownName: own.name,
    });
    expect(result.uncertain).toBe(true);
    expect(result.relevant[0]?.result).toEqual({ kind: "depends", claims: ["actor"] });
    expect(result.winner?.own).toBe(true);
  });

  it("does not take a hand-made mapping under the app's name for the repository's own", () => {
    const impostor = { ...own, description: "by hand" };
    const result = explainExchange({
      project: [],
      global: [impostor],
      claims: token().claims,
      ownName: own.name,
    });
    expect(result.own).toBeNull();
    expect(result.winner?.own).toBe(false);
  });
});

describe("renderVerify", () => {
  it("explains a denial with the repository's own mapping's expectations, and hides every other mapping", () => {
    const claims = token({ ref: "refs/heads/dev" });
    const explanation = explainExchange({
      project: [],
      global: [own, foreign("nope", 1, { repository_id: "12345" })],
      claims: claims.claims,
      ownName: own.name,
    });
    const text = renderVerify({ explanation, token: claims, provider: "github-acme", ownName: own.name });
    expect(text).toContain("⛔ **Denied.**");
    expect(text).toContain("| `ref` | `refs/heads/main` | `refs/heads/dev` |");
    expect(text).not.toContain("nope");
    expect(text).not.toContain("12345");
  });

  it("warns when the result depends on the run", () => {
    const claims = token();
    const explanation = explainExchange({
      project: [],
      global: [foreign("maybe", 1, { actor: "alice" }), own],
      claims: claims.claims,
      ownName: own.name,
    });
    const text = renderVerify({ explanation, token: claims, provider: "github-acme", ownName: own.name });
    expect(text.startsWith("❔ **Depends on the run.**")).toBe(true);
    expect(text).toContain("| a mapping not managed for this repository | 1 | ❔ depends on `actor` |");
  });
});
