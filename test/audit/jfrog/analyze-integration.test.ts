import { describe, expect, test } from "vitest";
import { auditIntegration } from "../../../src/audit/jfrog/analyze-integration.js";
import { evaluationOrder } from "../../../src/audit/jfrog/evaluation-order.js";
import { admission, canMatchPrefix, repositoryClaims } from "../../../src/audit/jfrog/repository-token.js";
import { selectMapping } from "../../../src/jfrog/claim-matching.js";
import type { IdentityMapping } from "../../../src/jfrog/types.js";
import { appMapping, ISSUER, MARKER, orgMappings, repositories } from "./mapping-sets.js";

const ownedByApp = (m: IdentityMapping) => m.description?.startsWith(MARKER) ?? false;
const run = (mappings = orgMappings(), repos = repositories()) =>
  auditIntegration({ mappings, repositories: repos, issuer: ISSUER, policyExpiresIn: 900, ownedByApp });

test("every mapping is judged, the app's included, in JFrog's evaluation order", () => {
  const audit = run();
  expect(audit.mappings.map((m) => [m.name, m.owner, m.admits, m.findings.map((f) => f.rule)])).toEqual([
    ["proj-release", "other", ["acme/web"], ["no-repository-pin"]],
    ["release-env", "other", ["acme/api"], []],
    ["team-wildcard", "other", ["acme/api", "acme/web", "acme/legacy"], ["wildcard-claim", "name-only-pin"]],
    ["legacy-name-pin", "other", ["acme/legacy"], ["name-only-pin"]],
    ["gh-o9-r101", "app", ["acme/api"], []],
    ["gh-o9-r102", "app", ["acme/web"], []],
    [
      "ci-admin",
      "other",
      ["acme/api", "acme/web", "acme/legacy"],
      ["no-issuer", "no-repository-pin", "admin-scope", "long-expiry"],
    ],
    ["other-org", "other", [], ["no-issuer", "no-repository-pin"]],
  ]);
  const wildcard = audit.mappings.find((m) => m.name === "team-wildcard")?.findings[0];
  expect(wildcard?.message).toBe(
    "`repository` is a wildcard (acme/*): it admits 3 repositories of the org, and any created later that match.",
  );
});

test("shadowing per repository: earlier priority, project mappings, and conditions on run claims", () => {
  expect(run().repositories).toEqual([
    {
      repository: "acme/api",
      appMapping: "gh-o9-r101",
      shadowedBy: [
        { mapping: "release-env", conditionalOn: ["environment"] },
        { mapping: "team-wildcard", conditionalOn: [] },
      ],
    },
    {
      repository: "acme/web",
      appMapping: "gh-o9-r102",
      shadowedBy: [
        { mapping: "proj-release", conditionalOn: ["sub"], projectKey: "rel" },
        { mapping: "team-wildcard", conditionalOn: [] },
      ],
    },
    {
      // Not onboarded: every mapping that admits it decides what it gets.
      repository: "acme/legacy",
      shadowedBy: [
        { mapping: "team-wildcard", conditionalOn: [] },
        { mapping: "legacy-name-pin", conditionalOn: [] },
        { mapping: "ci-admin", conditionalOn: [] },
      ],
    },
  ]);
});

test("a mapping tried after the app's does not shadow it, however wide", () => {
  const [api] = repositories();
  if (!api) throw new Error("fixture");
  const mappings = [
    appMapping(api),
    { name: "late", priority: 1000, claims: { repository: "*" }, token_spec: {} },
  ];
  expect(run(mappings, [api]).repositories).toEqual([
    { repository: "acme/api", appMapping: "gh-o9-r101", shadowedBy: [] },
  ]);
});

describe("the analysis agrees with the emulator's choice of mapping", () => {
  // For global mappings and a token that carries only the repository's own claims plus a push to main, the first
  // unconditional shadow (or else the app's mapping) is exactly what selectMapping — the emulator's exchange — picks.
  const global = orgMappings().filter((m) => !m.project_key);
  test.each(repositories())("$fullName", (repo) => {
    const token = {
      ...repositoryClaims(repo, ISSUER),
      sub: `repo:${repo.fullName}:ref:refs/heads/main`,
      ref: "refs/heads/main",
    };
    const report = run(global).repositories.find((r) => r.repository === repo.fullName);
    const expected =
      report?.shadowedBy.find((s) => s.conditionalOn.length === 0)?.mapping ?? report?.appMapping;
    expect(selectMapping(global, token)?.name).toBe(expected);
  });
});

test.each([
  ["repo:acme/app:ref:refs/heads/main", true],
  ["repo:acme/*", true],
  ["repo:*", true],
  ["repo:acme/app:*", true],
  ["repo:acme/other:*", false],
  ["repo:acme/app", false],
  [["repo:x/y:*", "repo:acme/app:pull_request"], true],
] as const)("sub %j can match tokens of acme/app: %s", (pattern, expected) => {
  expect(canMatchPrefix(pattern as string | string[], "repo:acme/app:")).toBe(expected);
});

test("a sub pinned to the repository with a trailing wildcard admits every token: no condition", () => {
  const mapping = { name: "m", claims: { sub: "repo:acme/api:*" }, token_spec: {} };
  expect(admission(mapping, { fullName: "acme/api", id: 1, ownerId: 2 }, ISSUER)).toEqual({
    admits: true,
    conditionalOn: [],
  });
});

test("project mappings are tried first, then by priority (omitted last), ties by name", () => {
  const m = (name: string, priority?: number, project_key?: string): IdentityMapping => ({
    name,
    claims: {},
    token_spec: {},
    ...(priority === undefined ? {} : { priority }),
    ...(project_key ? { project_key } : {}),
  });
  expect(
    evaluationOrder([m("z"), m("b", 5), m("a", 5), m("p", 900, "x"), m("c", 1)]).map((x) => x.name),
  ).toEqual(["p", "c", "a", "b", "z"]);
});
