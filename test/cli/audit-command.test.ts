import { expect, test } from "vitest";
import { parseCommand } from "../../src/cli/args.js";
import { type AuditSources, auditCommand } from "../../src/cli/audit-command.js";
import { MARKER, orgMappings, repositories } from "../audit/jfrog/mapping-sets.js";
import { policy } from "../fixtures/policy.js";

function sources(overrides: Partial<AuditSources> = {}) {
  const calls: string[] = [];
  const all = orgMappings();
  const value: AuditSources = {
    loadPolicy: async () =>
      policy({
        projectKey: "rel",
        token: { scope: "roles", roles: ["Developer"], username: "ci", expiresIn: 900 },
      }),
    listRepositories: async () => repositories(),
    listMappings: async (provider, scope) => {
      calls.push(`${provider}${scope?.projectKey ? `?project_key=${scope.projectKey}` : ""}`);
      // A project listing answers only the project's mappings (without echoing project_key, as some versions do).
      return scope?.projectKey
        ? all.filter((m) => m.project_key).map(({ project_key: _, ...m }) => m)
        : all.filter((m) => !m.project_key);
    },
    ownedByApp: (m) => m.description?.startsWith(MARKER) ?? false,
    ...overrides,
  };
  return { value, calls };
}

function output() {
  const written: string[] = [];
  const errors: string[] = [];
  return {
    written,
    errors,
    out: { write: (t: string) => written.push(t), error: (t: string) => errors.push(t) },
  };
}

test("the table lists every mapping, its findings, and the repositories decided by another mapping", async () => {
  const { value, calls } = sources();
  const o = output();
  expect(await auditCommand({ org: "acme", format: "table" }, value, o.out)).toBe(1);
  expect(calls).toEqual(["github-acme", "github-acme?project_key=rel"]);
  expect(o.written.join("\n")).toMatchInlineSnapshot(`
    "Identity mappings of github-acme: 8, 10 finding(s); 3 of 3 repositories shadowed.

    MAPPING          OWNER  PRIORITY  PROJECT  ADMITS  FINDINGS
    ---------------  -----  --------  -------  ------  ------------------------------------------------------
    proj-release     other  500       rel      1       no-repository-pin
    release-env      other  5         -        1       -
    team-wildcard    other  10        -        3       wildcard-claim, name-only-pin
    legacy-name-pin  other  50        -        1       name-only-pin
    gh-o9-r101       app    100       -        1       -
    gh-o9-r102       app    100       -        1       -
    ci-admin         other  200       -        3       no-issuer, no-repository-pin, admin-scope, long-expiry
    other-org        other  -         -        0       no-issuer, no-repository-pin

    SEVERITY  MAPPING          RULE               MESSAGE
    --------  ---------------  -----------------  ------------------------------------------------------------------------------------------------------------------------------
    error     proj-release     no-repository-pin  Neither \`repository\` nor \`repository_id\`: it admits 1 repository of the org.
    error     team-wildcard    wildcard-claim     \`repository\` is a wildcard (acme/*): it admits 3 repositories of the org, and any created later that match.
    warning   team-wildcard    name-only-pin      Pinned by name only (no \`repository_id\`): a repository deleted and re-created under that name, by anyone who can, inherits it.
    warning   legacy-name-pin  name-only-pin      Pinned by name only (no \`repository_id\`): a repository deleted and re-created under that name, by anyone who can, inherits it.
    error     ci-admin         no-issuer          No \`iss\` claim: a token from any issuer the integration trusts is enough.
    error     ci-admin         no-repository-pin  Neither \`repository\` nor \`repository_id\`: it admits 3 repositories of the org.
    error     ci-admin         admin-scope        Issues admin tokens: any workflow it admits can administer the JFrog Platform.
    warning   ci-admin         long-expiry        Tokens live 86400 s, more than 4× the policy's 900 s.
    error     other-org        no-issuer          No \`iss\` claim: a token from any issuer the integration trusts is enough.
    error     other-org        no-repository-pin  Neither \`repository\` nor \`repository_id\`: it admits 0 repositories of the org.

    Repositories whose tokens another mapping admits before the app's (in evaluation order; the first that matches decides):
    REPOSITORY   APP MAPPING  ADMITTED BY      ONLY FOR
    -----------  -----------  ---------------  ----------------------------
    acme/api     gh-o9-r101   release-env      matching environment
    acme/api     gh-o9-r101   team-wildcard    every token
    acme/web     gh-o9-r102   proj-release     JF_PROJECT=rel, matching sub
    acme/web     gh-o9-r102   team-wildcard    every token
    acme/legacy  (none)       team-wildcard    every token
    acme/legacy  (none)       legacy-name-pin  every token
    acme/legacy  (none)       ci-admin         every token"
  `);
});

test("JSON carries the same analysis with a summary", async () => {
  const o = output();
  expect(await auditCommand({ org: "acme", format: "json" }, sources().value, o.out)).toBe(1);
  const report = JSON.parse(o.written.join(""));
  expect(report.summary).toEqual({
    mappings: 8,
    findings: 10,
    errors: 7,
    repositories: 3,
    shadowedRepositories: 3,
  });
  expect(report.mappings.find((m: { name: string }) => m.name === "proj-release").projectKey).toBe("rel");
});

test("a clean org exits 0", async () => {
  const o = output();
  const { value } = sources({ listMappings: async () => [], listRepositories: async () => [] });
  expect(await auditCommand({ org: "acme", format: "table" }, value, o.out)).toBe(0);
});

test("an unreadable source fails closed with exit 2 and no report", async () => {
  const o = output();
  const { value } = sources({
    listMappings: async () => {
      throw new Error('JFrog answered 403 to list identity mappings on provider "github-acme"');
    },
  });
  expect(await auditCommand({ org: "acme", format: "table" }, value, o.out)).toBe(2);
  expect(o.written).toEqual([]);
  expect(o.errors).toEqual([
    'audit of acme failed: JFrog answered 403 to list identity mappings on provider "github-acme"',
  ]);
});

test("a mapping name cannot write control sequences to the terminal", async () => {
  const o = output();
  const { value } = sources({
    listMappings: async (_p, scope) =>
      scope ? [] : [{ name: "evil\u001b[2J\u001b[H", claims: { repository: "acme/*" }, token_spec: {} }],
  });
  await auditCommand({ org: "acme", format: "table" }, value, o.out);
  expect(o.written.join("")).not.toContain("\u001b");
  expect(o.written.join("")).toContain("evil\uFFFD[2J\uFFFD[H");
});

test("the audit command is read from the command line with its own formats", () => {
  expect(parseCommand(["audit", "--org=acme", "--format", "json"])).toEqual({
    command: "audit",
    org: "acme",
    format: "json",
  });
});

test.each([
  [["audit"], /--org is required/],
  [["audit", "--org", "acme", "--format", "terraform"], /--format must be one of table, json/],
  [["audit", "--org", "acme", "--verbose"], /Unknown option '--verbose'/],
  [["audit", "--org", "not an org"], /is not a GitHub organization name/],
])("bad usage %j is refused: %s", (argv, error) => {
  expect(() => parseCommand(argv)).toThrow(error);
});
