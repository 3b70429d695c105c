// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
/**
 * Hostile `.github/jfrog-oidc.yml` files in a repository: each one stops every write for that repository (no
 * mapping, no PR) and fails the `jfrog-oidc config` check run on its default branch, naming the field. Each case is
 * a new repository of one shared org, created with the file in its first commit.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { testWorld } from "../e2e/helpers.js";
import { char, expectRefusedWithCheckRun, refusalMark } from "./refused.js";

let world: World;
/** The world starts real HTTP servers: give it the e2e project's time under load. */
beforeAll(async () => {
  world = await testWorld();
}, 30_000);
afterAll(() => world.close());

let repositories = 0;

/** A new repository whose first commit holds `text` as its config; refused with a check run, as asserted. */
async function expectConfigRefused(text: string, expected: (file: string) => string[]) {
  const name = `configured-${++repositories}`;
  const mark = refusalMark(world, name);
  world.github.createRepository({
    owner: "acme",
    name,
    files: { "package.json": "{}", ".github/jfrog-oidc.yml": text },
  });
  await world.settle();
  expectRefusedWithCheckRun(world, mark, expected(`acme/${name}:.github/jfrog-oidc.yml`));
}

describe("a repository config with a prototype key", () => {
  it.each([
    ["at the top", "__proto__:\n  enabled: false", "__proto__"],
    ["hiding org-only fields", "__proto__:\n  token: {scope: user, username: admin}", "__proto__"],
    ["inside claims", "claims:\n  constructor:\n    ref: [refs/heads/*]", "claims.constructor"],
    [
      "inside the workflow triggers",
      "workflow:\n  triggers:\n    prototype: {pullRequest: true}",
      "workflow.triggers.prototype",
    ],
  ])("%s is refused, naming the field", async (_class, text, field) => {
    await expectConfigRefused(text, (file) => [`${file}: ${field}: '`, "is not allowed as a key"]);
  });
});

describe("a repository config with text that would act in the workflow or mislead a reviewer", () => {
  it.each([
    [
      "an expression in the workflow name",
      "workflow:\n  name: 'x ${{ secrets.JF_TOKEN }}'",
      "workflow.name",
      '"${{"',
    ],
    [
      "an expression in the upload pattern",
      "workflow:\n  genericPattern: '${{ github.event.head_commit.message }}'",
      "workflow.genericPattern",
      '"${{"',
    ],
    [
      "a right-to-left override in the name",
      `workflow:\n  name: "ok${char(0x202e)}gnp.exe"`,
      "workflow.name",
      "U+202E",
    ],
    [
      "a bidi mark in the pattern",
      `workflow:\n  genericPattern: "dist/${char(0x200f)}*"`,
      "workflow.genericPattern",
      "U+200F",
    ],
    ["an escape control in the name", 'workflow:\n  name: "a\\eb"', "workflow.name", "U+001B"],
    [
      "a next-line control in the pattern",
      'workflow:\n  genericPattern: "a\\Nb"',
      "workflow.genericPattern",
      "U+0085",
    ],
    ["a paragraph separator in the name", 'workflow:\n  name: "a\\Pb"', "workflow.name", "U+2029"],
  ])("refuses %s in the schema, naming the field", async (_class, text, field, detail) => {
    await expectConfigRefused(text, (file) => [`${file}: ${field}: must not contain`, detail]);
  });
});

describe("a repository config that is not a config", () => {
  it.each([
    ["broken YAML", "enabled: [", "(file): invalid YAML"],
    ["a list", "- enabled: false", "(file): must be a YAML mapping"],
    ["a scalar", "just text", "(file): must be a YAML mapping"],
    [
      "an alias bomb",
      "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "(file): invalid YAML",
    ],
    ["an _extends of its own", "_extends: other-repo", "(file): unknown key(s): _extends"],
    ["duplicate keys", "enabled: true\nenabled: false", "(file): invalid YAML"],
  ])("refuses %s", async (_class, text, problem) => {
    await expectConfigRefused(text, (file) => [`${file}: ${problem}`]);
  });
});
