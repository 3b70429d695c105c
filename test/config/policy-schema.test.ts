import { describe, expect, it } from "vitest";
import { problemsFromZod } from "../../src/config/config-problem.js";
import { policySchema } from "../../src/config/policy-schema.js";
import { policyInput } from "../fixtures/policy.js";

const FILE = "acme/.github:.github/jfrog-oidc.yml";

function problems(input: unknown) {
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return [];
  return problemsFromZod(FILE, parsed.error).map((p) => `${p.field}: ${p.message}`);
}

describe("org policy schema", () => {
  it("fills safe defaults around the required provider and token", () => {
    const parsed = policySchema.parse(policyInput());
    expect(parsed.provider).toEqual({
      name: "github-acme",
      audience: "jfrog-github",
      manage: "verify",
      issuer: "https://token.actions.githubusercontent.com",
    });
    expect(parsed.priority).toBe(100);
    // Globs are compiled matchers that serialize as their pattern.
    expect(JSON.parse(JSON.stringify(parsed.repositories))).toMatchObject({
      include: ["*"],
      exclude: [],
      archived: false,
      forks: false,
    });
    expect(parsed.workflow.setupJfrogCli).toEqual({ version: "v5" });
    expect(parsed.workflow.path).toBe(".github/workflows/jfrog-oidc.yml");
  });

  it.each([
    ["an unknown key", { ...policyInput(), tokne: {} }, ["(file): unknown key(s): tokne"]],
    [
      "a nested unknown key",
      policyInput({ claims: { refs: ["refs/heads/main"] } as never }),
      ["claims: unknown key(s): refs"],
    ],
    [
      "a bad provider name",
      policyInput({ provider: { name: "GitHub_Acme", audience: "a" } }),
      ["provider.name: must start with a lowercase letter and use only a-z, 0-9 and '-'"],
    ],
    [
      "an issuer with a trailing slash",
      policyInput({
        provider: { name: "gh", audience: "a", issuer: "https://token.actions.githubusercontent.com/" },
      }),
      [expect.stringMatching(/^provider.issuer: .*without a trailing slash/)],
    ],
    [
      "groups scope without groups",
      policyInput({ token: { scope: "groups" } }),
      ["token.groups: is required when scope is groups"],
    ],
    [
      "user scope with groups",
      policyInput({ token: { scope: "user", username: "ci", groups: ["g"] } }),
      ["token.groups: must not be set when scope is user"],
    ],
    [
      "roles without a project",
      policyInput({ token: { scope: "roles", roles: ["Developer"], username: "ci" } }),
      ["token.scope: `roles` needs `projectKey`"],
    ],
    [
      "roles without a username (JFrog's Terraform provider requires one)",
      policyInput({ projectKey: "acme", token: { scope: "roles", roles: ["Developer"] } }),
      ["token.username: is required when scope is roles"],
    ],
    [
      "a project key with a groups scope (JFrog would keep the mapping global)",
      policyInput({ projectKey: "acme" }),
      [expect.stringMatching(/^projectKey: needs token.scope: roles/)],
    ],
    [
      "`$any` beside other refs",
      policyInput({ claims: { ref: ["$any", "$default"] } }),
      ["claims.ref: `$any` must be the only entry"],
    ],
    [
      "a token lifetime over JFrog's maximum",
      policyInput({ token: { scope: "user", username: "ci", expiresIn: 90_000 } }),
      [expect.stringMatching(/^token.expiresIn: /)],
    ],
    [
      "pinWorkflow without refs",
      policyInput({ claims: { pinWorkflow: true } }),
      ["claims.pinWorkflow: needs `claims.ref`"],
    ],
    [
      "pinWorkflow with wildcard refs",
      policyInput({ claims: { pinWorkflow: true, ref: ["refs/tags/v*"] } }),
      ["claims.pinWorkflow: needs `claims.ref` without wildcards"],
    ],
    [
      "a short ref",
      policyInput({ claims: { ref: ["main"] } }),
      [expect.stringMatching(/^claims.ref.0: must be `\$default`, `\$any` or a full ref/)],
    ],
    [
      "a workflow outside .github/workflows",
      policyInput({ workflow: { path: "../../etc/passwd.yml" } }),
      [expect.stringMatching(/^workflow.path: must be a file directly under .github\/workflows\//)],
    ],
    [
      "a multi-line PR title",
      policyInput({ pullRequest: { title: "a\nb" } }),
      ["pullRequest.title: must be a single line"],
    ],
    [
      "a short SHA",
      policyInput({ workflow: { setupJfrogCli: { sha: "deda456" } } }),
      ["workflow.setupJfrogCli.sha: must be a full 40-character commit SHA"],
    ],
  ])("names the file's field for %s", (_name, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it.each([
    "https://token.actions.githubusercontent.com",
    "https://token.actions.githubusercontent.com/acme-enterprise",
    "https://github.acme.com/_services/token",
    "https://ghes.internal.acme.com:8443/_services/token",
  ])("accepts the issuer %s (github.com, GHE Cloud, GitHub Enterprise Server)", (issuer) => {
    expect(problems(policyInput({ provider: { name: "github-acme", audience: "a", issuer } }))).toEqual([]);
  });

  it.each([
    "https://github.acme.com/_services/token/",
    "http://github.acme.com/_services/token",
    "https://github.acme.com/_services/other",
    "https://user@github.acme.com/_services/token",
  ])("refuses the issuer %s", (issuer) => {
    expect(problems(policyInput({ provider: { name: "github-acme", audience: "a", issuer } }))).toEqual([
      expect.stringMatching(/^provider.issuer: must be/),
    ]);
  });

  it("rejects any attempt to point the app or the workflow at another JFrog", () => {
    expect(
      problems(
        policyInput({ workflow: { jfrogUrl: { from: "literal", url: "https://evil.example" } as never } }),
      ),
    ).toEqual([expect.stringMatching(/^workflow.jfrogUrl: /)]);
    expect(problems({ ...policyInput(), jfrogUrl: "https://evil.example" })).toEqual([
      "(file): unknown key(s): jfrogUrl",
    ]);
  });
});
