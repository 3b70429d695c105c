// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here.
import { expect, test } from "vitest";
import { auditContextFromPolicy } from "../../src/audit/audit-context.js";
import { auditWorkflow, mayTouchJfrog } from "../../src/audit/audit-workflow.js";
import { parseActionRef } from "../../src/audit/rules/action-version.js";
import { workflowSchema } from "../../src/config/policy-schema.js";
import { SETUP_JFROG_CLI_CURRENT_MAJOR } from "../../src/workflow/actions.js";
import { policy as parsePolicy } from "../fixtures/policy.js";
import { contextFor } from "./corpus.js";

const context = contextFor("");
const audit = (lines: string[]) => auditWorkflow(".github/workflows/ci.yml", lines.join("\n"), context);

test("a finding carries the exact span, severity, message and fix an annotation needs", () => {
  const findings = audit([
    "on: push",
    "permissions:",
    "  contents: read",
    "jobs:",
    "  build:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: jfrog/setup-jfrog-cli@v5",
    "        with: { oidc-provider-name: github-acme, oidc-audience: jfrog-acme }",
  ]);
  expect(findings).toEqual([
    {
      rule: "id-token-missing",
      severity: "error",
      path: ".github/workflows/ci.yml",
      start: { line: 8, column: 15 },
      end: { line: 8, column: 39 },
      message:
        "Job `build` signs in to JFrog with OIDC, but the workflow's `permissions` (line 3) do not include `id-token: write`: the token request fails.",
      fix: "Add `id-token: write` to the `permissions` of job `build`.",
    },
  ]);
});

test("a stored credential names the secrets it comes from, so the fix PR can list them for deletion", () => {
  const [finding] = audit([
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - run: jf rt ping",
    "        env:",
    "          JF_ACCESS_TOKEN: ${{ secrets.JF_TOKEN || secrets['LEGACY_TOKEN'] }}",
  ]);
  expect(finding).toMatchObject({
    rule: "stored-credential",
    start: { line: 8, column: 11 },
    secrets: ["JF_TOKEN", "LEGACY_TOKEN"],
  });
});

test("an alias used by two jobs is reported once, at the anchor's text", () => {
  const findings = audit([
    "on: push",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    env: &env",
    "      JF_PASSWORD: ${{ secrets.PW }}",
    "      JF_USER: ${{ secrets.USER }}",
    "    steps: [{ run: jf rt ping }]",
    "  b:",
    "    runs-on: ubuntu-latest",
    "    env: *env",
    "    steps: [{ run: jf rt ping }]",
  ]);
  expect(findings.map((f) => [f.rule, f.start.line])).toEqual([
    ["stored-credential", 6],
    ["stored-credential", 7],
  ]);
});

test("JF_USER alone is a name, not a credential", () => {
  expect(
    audit([
      "on: push",
      "env: { JF_USER: '${{ secrets.CI_USER }}' }",
      "jobs: { a: { runs-on: ubuntu-latest, steps: [{ run: jf rt ping }] } }",
    ]),
  ).toEqual([]);
});

test("a credential in plain text, not from a secret, is not this rule's business", () => {
  expect(
    audit(["on: push", "jobs: { a: { runs-on: x, steps: [{ run: 'jf c add --password \"$PW\"' }] } }"]),
  ).toEqual([]);
});

test("workflows that cannot involve JFrog are not even parsed", () => {
  expect(mayTouchJfrog("on: push\njobs: {}\n", context)).toBe(false);
  expect(mayTouchJfrog("steps:\n  - uses: ./.github/actions/x\n", { ...context, files: new Map() })).toBe(
    true,
  );
  // Even broken YAML without any JFrog hint is not reported: it is not ours to judge.
  expect(audit(["on: [push", "jobs:"])).toEqual([]);
});

test.each([
  ["v5", "", { kind: "version", major: 5 }],
  ["5.1.0", "", { kind: "version", major: 5 }],
  ["main", "", { kind: "branch", name: "main" }],
  ["v5-beta", "", { kind: "branch", name: "v5-beta" }],
  ["a".repeat(40), " # v4.2.1", { kind: "sha", sha: "a".repeat(40), major: 4 }],
  ["a".repeat(40), "", { kind: "sha", sha: "a".repeat(40) }],
] as const)("the action ref %s%s reads as %o", (ref, comment, expected) => {
  expect(parseActionRef(ref, comment)).toEqual(expected);
});

test("the context comes from the org policy: its integration, and a pin when the policy pins", () => {
  const sha = "279b1f629f43dd5bc658d8361ac4802a7ef8d2d5";
  const policy = parsePolicy({ workflow: { setupJfrogCli: { version: "v5.1.0", sha } } });
  expect(auditContextFromPolicy(policy)).toEqual({
    provider: { name: policy.provider.name, audience: policy.provider.audience },
    setupJfrogCli: { currentMajor: 5, pin: { version: "v5.1.0", sha } },
  });
  expect(auditContextFromPolicy(parsePolicy({})).setupJfrogCli).toEqual({ currentMajor: 5 });
});

test("the current major the audit expects is the one the app itself generates by default", () => {
  expect(workflowSchema.parse({}).setupJfrogCli.version).toBe(`v${SETUP_JFROG_CLI_CURRENT_MAJOR}`);
});
