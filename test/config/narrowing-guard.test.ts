import { describe, expect, it } from "vitest";
import { applyRepoConfig } from "../../src/config/narrowing-guard.js";
import { policy } from "../fixtures/policy.js";

const FILE = "acme/app:.github/jfrog-oidc.yml";

describe("narrowing guard", () => {
  it("applies the org policy when the repository has no file, its refs made explicit", () => {
    const org = policy();
    expect(applyRepoConfig(org, null, FILE)).toEqual({
      status: "ok",
      policy: { ...org, claims: { ref: ["$default"] } },
      optedOut: false,
      refused: [],
    });
  });

  it("takes the default refs from the ORG's triggers: a repository adding a tag trigger gets no tag token", () => {
    const result = applyRepoConfig(policy(), "workflow:\n  triggers:\n    tags: ['v*']\n", FILE);
    expect(result).toMatchObject({ status: "ok", policy: { claims: { ref: ["$default"] } } });
  });

  it("lets a repository narrow `$any` to refs of its choice", () => {
    const result = applyRepoConfig(
      policy({ claims: { ref: ["$any"] } }),
      "claims:\n  ref: [refs/heads/release]\n",
      FILE,
    );
    expect(result).toMatchObject({
      status: "ok",
      refused: [],
      policy: { claims: { ref: ["refs/heads/release"] } },
    });
  });

  it("refuses `$any` from a repository when the org names refs", () => {
    const result = applyRepoConfig(policy(), "claims:\n  ref: [$any]\n", FILE);
    expect(result).toMatchObject({ status: "ok", refused: [{ field: "claims.ref" }] });
  });

  it("lets a repository opt out", () => {
    const result = applyRepoConfig(policy(), "enabled: false\n", FILE);
    expect(result).toMatchObject({ status: "ok", optedOut: true, refused: [] });
  });

  it("lets a repository add narrowing claims and pick workflow options", () => {
    const result = applyRepoConfig(
      policy(),
      "claims:\n  ref: [$default]\n  environment: [production]\n  pinWorkflow: true\nworkflow:\n  ecosystem: maven\n  publish: false\n",
      FILE,
    );
    if (result.status !== "ok") throw new Error("expected ok");
    expect(result.refused).toEqual([]);
    expect(result.policy.claims).toEqual({
      ref: ["$default"],
      environment: ["production"],
      pinWorkflow: true,
    });
    expect(result.policy.workflow).toMatchObject({
      ecosystem: "maven",
      publish: false,
      path: ".github/workflows/jfrog-oidc.yml",
    });
  });

  it("refuses every widening field by name and keeps the org values", () => {
    const org = policy({ claims: { ref: ["refs/heads/main"], pinWorkflow: true }, priority: 5 });
    const text = [
      "token:",
      "  scope: user",
      "  username: admin",
      "priority: 1",
      "provider: { name: evil, audience: other }",
      "projectKey: other",
      "repositories: { include: ['*'] }",
      "pullRequest: { branch: main }",
      "workflow:",
      "  setupJfrogCli: { version: v1 }",
      "  jfrogUrl: { from: variable, name: EVIL }",
      "  name: Custom name",
      "claims:",
      "  ref: [refs/heads/main, refs/heads/dev]",
      "  pinWorkflow: false",
    ].join("\n");
    const result = applyRepoConfig(org, text, FILE);
    if (result.status !== "ok") throw new Error("expected ok");
    expect(result.refused.map((p) => p.field)).toEqual([
      "provider",
      "projectKey",
      "token",
      "priority",
      "repositories",
      "pullRequest",
      "workflow.setupJfrogCli",
      "workflow.jfrogUrl",
      "claims.ref",
      "claims.pinWorkflow",
    ]);
    expect(result.refused.every((p) => p.file === FILE)).toBe(true);
    expect(result.refused.find((p) => p.field === "claims.ref")?.message).toBe(
      "refs/heads/dev not allowed by the org policy (allowed: refs/heads/main); the org value applies",
    );
    // Everything the org decides is exactly the org's; the allowed option still applies.
    const { workflow, ...rest } = result.policy;
    const { workflow: orgWorkflow, ...orgRest } = org;
    expect(rest).toEqual(orgRest);
    expect(workflow).toEqual({ ...orgWorkflow, name: "Custom name" });
  });

  it("accepts a subset of the org's allowed refs", () => {
    const org = policy({ claims: { ref: ["refs/heads/main", "refs/tags/v*"] } });
    const result = applyRepoConfig(org, "claims:\n  ref: [refs/tags/v*]\n", FILE);
    expect(result).toMatchObject({
      status: "ok",
      refused: [],
      policy: { claims: { ref: ["refs/tags/v*"] } },
    });
  });

  it("refuses pinWorkflow when no exact refs are known", () => {
    const org = policy({ workflow: { triggers: { tags: ["v*"] } } });
    const result = applyRepoConfig(org, "claims:\n  pinWorkflow: true\n", FILE);
    expect(result).toMatchObject({ status: "ok", refused: [{ field: "claims.pinWorkflow" }] });
    if (result.status === "ok") expect(result.policy.claims.pinWorkflow).toBeUndefined();
  });

  it.each([
    ["broken YAML", "enabled: [", /^invalid YAML: /],
    ["a list instead of a mapping", "- enabled: false", /^must be a YAML mapping$/],
    ["a wrong type", "enabled: 'no'", /^Invalid input: expected boolean/],
    ["an unknown key", "enabeld: false", /^unknown key\(s\): enabeld$/],
  ])("treats %s as invalid: nothing is written for the repository", (_name, text, message) => {
    const result = applyRepoConfig(policy(), text, FILE);
    expect(result.status).toBe("invalid");
    if (result.status === "invalid") expect(result.problems[0]?.message).toMatch(message);
  });
});
