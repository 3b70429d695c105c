// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
/**
 * Hostile org policies (and the bases they `_extends`): each one stops every write for the org and fails the
 * `jfrog-oidc config` check run in the org's `.github` repository, naming the field.
 *
 * One org for every case: the hostile policy lands in `.github` without a webhook (as a policy the app has not
 * seen yet), then a new repository is created; the app reads the policy for it and refuses.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import type { World } from "../../src/sandbox/world.js";
import { testWorld } from "../e2e/helpers.js";
import { policyInput } from "../fixtures/policy.js";
import { char, expectRefusedWithCheckRun, refusalMark } from "./refused.js";

let world: World;
/** The world starts real HTTP servers: give it the e2e project's time under load. */
beforeAll(async () => {
  world = await testWorld({ policy: policyInput() });
}, 30_000);
afterAll(() => world.close());

const VALID = stringify(policyInput());
const POLICY_FILE = "acme/.github:.github/jfrog-oidc.yml";

/** A valid policy plus `extra` YAML lines at the top level. */
const withLines = (extra: string) => `${VALID}${extra}\n`;
const withPolicy = (overrides: Partial<PolicyInput>) => stringify(policyInput(overrides));

let created = 0;
/** A repository of the org, as the app's installation sees it, that no webhook announced. */
function quietRepository(name: string, files: Record<string, string>) {
  world.github.createRepository({ owner: "acme", name, files, announce: false });
}

/** `text` becomes the org policy unannounced; then a new repository arrives, which gets nothing. */
async function refusedFor(text: string, expected: string[]) {
  world.github.push({
    owner: "acme",
    repo: ".github",
    files: { ".github/jfrog-oidc.yml": text },
    announce: false,
  });
  const mark = refusalMark(world, ".github");
  const name = `new-${++created}`;
  world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
  await world.settle();
  expect(world.github.repository("acme", name).pulls).toEqual([]);
  return expectRefusedWithCheckRun(world, mark, expected);
}

describe("an org policy whose `_extends` base cannot be read", () => {
  /** Each case's base repository gets its own name, written where a row says `policies`. */
  let bases = 0;
  let basename = "";
  beforeEach(() => {
    basename = `policies-${++bases}`;
  });
  const base = (files: Record<string, string>) => quietRepository(basename, files);
  const named = (text: string) => text.replaceAll("policies", basename);

  it.each([
    ["a repository that does not exist", "_extends: missing-repo", () => {}, "does not exist"],
    [
      "a repository without the file",
      "_extends: policies",
      () => base({ "README.md": "" }),
      "does not exist",
    ],
    ["another org the app cannot see", "_extends: other-org/.github", () => {}, "does not exist"],
    [
      "a path that climbs out of the repository",
      "_extends: policies:../../acme/.github/.github/jfrog-oidc.yml",
      () => base({ ".github/jfrog-oidc.yml": VALID }),
      "the path must stay inside the repository",
    ],
    [
      "a path with a current-directory segment",
      "_extends: policies:./x.yml",
      () => base({ "x.yml": VALID }),
      "the path must stay inside the repository",
    ],
    [
      "a path with an empty segment",
      "_extends: policies:a//x.yml",
      () => base({ "a/x.yml": VALID }),
      "the path must stay inside the repository",
    ],
    [
      "a path that is not YAML",
      "_extends: policies:README.md",
      () => base({ "README.md": "" }),
      ".yml or .yaml",
    ],
    ["a value that is not a string", "_extends: [policies]", () => {}, "must be a string"],
    ["a value with too many parts", "_extends: a/b/c", () => {}, "is not '[owner/]repo[:path]'"],
    ["an owner GitHub could not have", "_extends: -bad-/policies", () => {}, "does not name a GitHub owner"],
    ["a repository name of dots", "_extends: ..", () => {}, "does not name a repository"],
    [
      "a base that extends the policy back (a loop)",
      "_extends: policies",
      () => base({ ".github/jfrog-oidc.yml": "_extends: .github\n" }),
      "the _extends chain loops",
    ],
  ])("refuses %s", async (_class, extendsLine, arrange, reason) => {
    arrange();
    await refusedFor(withLines(named(extendsLine)), ["_extends: ", reason]);
  });

  it("refuses a base GitHub answers 403 for (no access), naming the base", async () => {
    base({ ".github/jfrog-oidc.yml": VALID });
    const forbidden = world.github.faults.add({
      method: "GET",
      // Octokit sends the file's path as one URL segment (its slash encoded).
      pathPattern: new RegExp(`^/api/v3/repos/acme/${basename}/contents/\\.github%2Fjfrog-oidc\\.yml$`),
      status: 403,
    });
    await refusedFor(withLines(named("_extends: policies")), [
      `_extends: the base acme/${basename}:.github/jfrog-oidc.yml the app may not read it (HTTP 403)`,
    ]);
    expect(forbidden.hits).toBeGreaterThan(0);
    forbidden.remove();
  });

  it("refuses a chain of bases longer than five files", async () => {
    for (let i = 1; i <= 5; i++)
      quietRepository(`${basename}-p${i}`, { ".github/jfrog-oidc.yml": `_extends: ${basename}-p${i + 1}\n` });
    await refusedFor(withLines(`_extends: ${basename}-p1`), ["more than 5 files extend each other"]);
  });

  it.each([
    ["broken YAML", "priority: [", "(file): invalid YAML"],
    ["a list", "- priority: 1", "(file): must be a YAML mapping"],
    ["a prototype key", "__proto__:\n  priority: 1", "__proto__: '__proto__' is not allowed as a key"],
  ])("refuses a base holding %s", async (_class, baseText, problem) => {
    base({ ".github/jfrog-oidc.yml": baseText });
    await refusedFor(withLines(named("_extends: policies")), [
      `acme/${basename}:.github/jfrog-oidc.yml: ${problem}`,
    ]);
  });
});

describe("an org policy with a prototype key", () => {
  it.each([
    ["at the top", "__proto__:\n  priority: 1\n  projectKey: x", "__proto__"],
    ["named constructor", "constructor:\n  priority: 1", "constructor"],
    ["inside a section", "claims:\n  prototype:\n    ref: [$any]", "claims.prototype"],
    [
      "two levels deep",
      "workflow:\n  triggers:\n    __proto__: {pullRequest: true}",
      "workflow.triggers.__proto__",
    ],
    [
      "inside a list item",
      "pullRequest:\n  labels:\n    - constructor: x",
      "pullRequest.labels.0.constructor",
    ],
  ])("%s is refused, naming the field", async (_class, lines, field) => {
    await refusedFor(withLines(lines), [`${POLICY_FILE}: ${field}: '`, "is not allowed as a key"]);
  });
});

describe("an org policy with text that would act in a workflow or mislead a reader", () => {
  it.each([
    [
      "an expression in the workflow name",
      { workflow: { name: "x ${{ secrets.TOKEN }}" } },
      "workflow.name",
      '"${{"',
    ],
    [
      "an expression in the upload pattern",
      { workflow: { genericPattern: "${{ github.token }}" } },
      "workflow.genericPattern",
      '"${{"',
    ],
    [
      "an expression in the audience",
      { provider: { name: "github-acme", audience: "a${{b" } },
      "provider.audience",
      '"${{"',
    ],
    ["an expression in the PR title", { pullRequest: { title: "${{ x }}" } }, "pullRequest.title", '"${{"'],
    [
      "a right-to-left override",
      { workflow: { name: `safe${char(0x202e)}lmy.live` } },
      "workflow.name",
      "U+202E",
    ],
    [
      "a bidi isolate",
      { workflow: { genericPattern: `dist/${char(0x2066)}*` } },
      "workflow.genericPattern",
      "U+2066",
    ],
    [
      "a next-line control",
      { workflow: { genericPattern: `dist${char(0x85)}run: x` } },
      "workflow.genericPattern",
      "U+0085",
    ],
    ["a line separator", { workflow: { name: `a${char(0x2028)}b` } }, "workflow.name", "U+2028"],
    ["a bell control", { token: { scope: "groups", groups: [`ci${char(7)}`] } }, "token.groups.0", "U+0007"],
    [
      "a byte-order mark inside",
      { pullRequest: { labels: [`a${char(0xfeff)}b`] } },
      "pullRequest.labels.0",
      "U+FEFF",
    ],
  ] as Array<[string, Partial<PolicyInput>, string, string]>)(
    "refuses %s in the schema, naming the field",
    async (_class, overrides, field, detail) => {
      await refusedFor(withPolicy(overrides), [`${field}: must not contain`, detail]);
    },
  );
});

describe("an org policy that asks for more than JFrog or the app can honour", () => {
  // The app reports the same problems once in a row (one org, one world here): the two issuer rows, whose problem
  // reads the same, are not neighbours.
  it.each([
    ["a project with a groups scope", { projectKey: "acme" }, "projectKey: needs token.scope: roles"],
    [
      "a project with a user scope",
      { projectKey: "acme", token: { scope: "user", username: "ci" } },
      "projectKey: needs token.scope: roles",
    ],
    [
      "a roles scope without a username",
      { projectKey: "acme", token: { scope: "roles", roles: ["Developer"] } },
      "token.username: is required when scope is roles",
    ],
    [
      "an issuer on another path of a host",
      { provider: { name: "github-acme", audience: "jfrog-github", issuer: "https://evil.example/token" } },
      "provider.issuer: must be",
    ],
    [
      "any ref mixed with named refs",
      { claims: { ref: ["$any", "refs/heads/main"] } },
      "claims.ref: '$any' must be the only entry",
    ],
    [
      "an issuer with a trailing slash",
      {
        provider: {
          name: "github-acme",
          audience: "jfrog-github",
          issuer: "https://token.actions.githubusercontent.com/",
        },
      },
      "provider.issuer: must be",
    ],
  ] as Array<[string, Partial<PolicyInput>, string]>)("refuses %s", async (_class, overrides, problem) => {
    await refusedFor(withPolicy(overrides), [problem]);
  });

  it("quotes an unknown key full of markup as code: no image, link or mention renders", async () => {
    const check = await refusedFor(
      withLines('"@acme/platform <img src=x onerror=alert(1)> [x](https://evil.example) `y`": 1'),
      ["unknown key(s): @acme/platform <img src=x onerror=alert(1)>"],
    );
    expect(check.summary).toContain("'y'");
  });
});
