// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
/**
 * Hostile org policies (and the bases they `_extends`): each one stops every write for the org and fails the
 * `jfrog-oidc config` check run in the org's `.github` repository, naming the field.
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import { fakeRepo } from "../app/fake-github.js";
import { repositoryCreated } from "../app/harness.js";
import { type Harness, seedOrg, useHarness } from "../app/world.js";
import { policyInput } from "../fixtures/policy.js";
import { char, expectRefusedWithCheckRun } from "./refused-nock.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

const VALID = stringify(policyInput());
const POLICY_FILE = "Octocoders/.github:.github/jfrog-oidc.yml";

/** A valid policy plus `extra` YAML lines at the top level. */
const withLines = (extra: string) => `${VALID}${extra}\n`;
const withPolicy = (overrides: Partial<PolicyInput>) => stringify(policyInput(overrides));

async function onboardOne(): Promise<void> {
  const repo = h.github.add(fakeRepo());
  await h.deliver(repositoryCreated(repo));
  expect(repo.pulls).toEqual([]);
}

describe("an org policy whose `_extends` base cannot be read", () => {
  const base = (files: Record<string, string> | null, name = "policies", owner = "Octocoders") =>
    h.github.add(fakeRepo({ id: 1001, owner, ownerId: 7, name, files }));

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
      "_extends: policies:../../Octocoders/.github/.github/jfrog-oidc.yml",
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
    seedOrg(h, withLines(extendsLine));
    arrange();
    await onboardOne();
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), ["_extends: ", reason]);
  });

  it("refuses a base GitHub answers 403 for (no access), naming the base", async () => {
    seedOrg(h, withLines("_extends: policies"));
    base({ ".github/jfrog-oidc.yml": VALID });
    h.github.failures.set("GET /repos/Octocoders/policies/contents/.github/jfrog-oidc.yml", 403);
    await onboardOne();
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
      "_extends: the base Octocoders/policies:.github/jfrog-oidc.yml the app may not read it (HTTP 403)",
    ]);
  });

  it("refuses a chain of bases longer than five files", async () => {
    seedOrg(h, withLines("_extends: p1"));
    for (let i = 1; i <= 5; i++)
      h.github.add(
        fakeRepo({
          id: 2000 + i,
          name: `p${i}`,
          files: { ".github/jfrog-oidc.yml": `_extends: p${i + 1}\n` },
        }),
      );
    await onboardOne();
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
      "more than 5 files extend each other",
    ]);
  });

  it.each([
    ["broken YAML", "priority: [", "(file): invalid YAML"],
    ["a list", "- priority: 1", "(file): must be a YAML mapping"],
    ["a prototype key", "__proto__:\n  priority: 1", "__proto__: '__proto__' is not allowed as a key"],
  ])("refuses a base holding %s", async (_class, baseText, problem) => {
    seedOrg(h, withLines("_extends: policies"));
    base({ ".github/jfrog-oidc.yml": baseText });
    await onboardOne();
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
      `Octocoders/policies:.github/jfrog-oidc.yml: ${problem}`,
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
    seedOrg(h, withLines(lines));
    await onboardOne();
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
      `${POLICY_FILE}: ${field}: '`,
      "is not allowed as a key",
    ]);
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
      seedOrg(h, withPolicy(overrides));
      await onboardOne();
      expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
        `${field}: must not contain`,
        detail,
      ]);
    },
  );
});

describe("an org policy that asks for more than JFrog or the app can honour", () => {
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
    [
      "an issuer on another path of a host",
      { provider: { name: "github-acme", audience: "jfrog-github", issuer: "https://evil.example/token" } },
      "provider.issuer: must be",
    ],
  ] as Array<[string, Partial<PolicyInput>, string]>)("refuses %s", async (_class, overrides, problem) => {
    seedOrg(h, withPolicy(overrides));
    await onboardOne();
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [problem]);
  });

  it("quotes an unknown key full of markup as code: no image, link or mention renders", async () => {
    seedOrg(h, withLines('"@acme/platform <img src=x onerror=alert(1)> [x](https://evil.example) `y`": 1'));
    await onboardOne();
    const dotGithub = h.github.repo("Octocoders", ".github");
    expectRefusedWithCheckRun(h, dotGithub, ["unknown key(s): @acme/platform <img src=x onerror=alert(1)>"]);
    expect(dotGithub.checkRuns[0]?.output.summary).toContain("'y'");
  });
});
