// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
/**
 * Hostile `.github/jfrog-oidc.yml` files in a repository: each one stops every write for that repository (no
 * mapping, no PR) and fails the `jfrog-oidc config` check run on its default branch, naming the field.
 */
import { describe, it } from "vitest";
import { fakeRepo } from "../app/fake-github.js";
import { repositoryCreated } from "../app/harness.js";
import { type Harness, useHarness } from "../app/world.js";
import { char, expectRefusedWithCheckRun } from "./refused.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

const FILE = "Octocoders/Hello-World:.github/jfrog-oidc.yml";

async function deliverWithConfig(text: string) {
  const repo = h.github.add(fakeRepo({ files: { "package.json": "{}", ".github/jfrog-oidc.yml": text } }));
  await h.deliver(repositoryCreated(repo));
  return repo;
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
    const repo = await deliverWithConfig(text);
    expectRefusedWithCheckRun(h, repo, [`${FILE}: ${field}: '`, "is not allowed as a key"]);
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
    const repo = await deliverWithConfig(text);
    expectRefusedWithCheckRun(h, repo, [`${FILE}: ${field}: must not contain`, detail]);
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
    const repo = await deliverWithConfig(text);
    expectRefusedWithCheckRun(h, repo, [`${FILE}: ${problem}`]);
  });
});
