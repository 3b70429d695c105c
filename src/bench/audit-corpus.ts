// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are workflow text here.
/**
 * A generated corpus of realistic workflow files for the audit benchmark: several jobs each, the permission
 * shapes, credentials, action references and triggers the audit rules look at, and a share of workflows that
 * never touch JFrog (most of an org's). Deterministic: file i is always the same.
 */

const TRIGGERS = [
  "on: push",
  "on: [push, pull_request]",
  "on:\n  pull_request_target:",
  "on:\n  workflow_run:\n    workflows: [CI]",
  "on:\n  schedule:\n    - cron: '0 3 * * *'",
];
const PERMISSIONS = [
  "",
  "permissions:\n  contents: read\n",
  "permissions:\n  contents: read\n  id-token: write\n",
  "permissions: write-all\n",
  "permissions: { contents: read }\n",
];
const REFS = ["v5", "v4", "main", "279b1f629f43dd5bc658d8361ac4802a7ef8d2d5 # v5.1.0", "v5.1.0"];

function jfrogJob(i: number, j: number): string {
  const permissions =
    (i + j) % 4 !== 0 ? "    permissions:\n      contents: read\n      id-token: write\n" : "";
  const login =
    (i + j) % 3 === 0
      ? "        env:\n          JF_URL: https://acme.jfrog.io\n          JF_ACCESS_TOKEN: ${{ secrets.JF_ACCESS_TOKEN }}\n"
      : `        with:\n          oidc-provider-name: ${(i + j) % 7 === 0 ? "other" : "github-acme"}\n${(i + j) % 5 === 0 ? "" : "          oidc-audience: jfrog-acme\n"}`;
  return [
    `  build-${j}:`,
    "    runs-on: ${{ matrix.os }}",
    permissions.trimEnd(),
    "    strategy:",
    "      matrix:",
    "        os: [ubuntu-latest, windows-latest]",
    "    steps:",
    "      - uses: actions/checkout@v6 # check out",
    `      - uses: jfrog/setup-jfrog-cli@${REFS[((i >> 1) + (j >> 1)) % REFS.length]}`,
    login.trimEnd(),
    "      - run: |",
    "          jf npm ci",
    `          jf rt upload "dist/*" generic-local/${i}/`,
  ]
    .filter(Boolean)
    .join("\n");
}

function plainJob(j: number): string {
  return [
    `  test-${j}:`,
    "    runs-on: ubuntu-latest",
    "    env:",
    "      NODE_ENV: test",
    "    steps:",
    "      - uses: actions/checkout@v6",
    "      - uses: actions/setup-node@v6",
    "        with:",
    "          node-version: 22",
    "      - run: npm ci && npm test",
  ].join("\n");
}

export function generatedWorkflow(i: number): string {
  const touchesJfrog = i % 5 < 2; // two in five workflows use JFrog
  const jobs = 2 + (i % 5);
  const body = Array.from({ length: jobs }, (_, j) =>
    touchesJfrog && j % 2 === 0 ? jfrogJob(i, j) : plainJob(j),
  );
  return [
    `name: Workflow ${i}`,
    TRIGGERS[(i >> 1) % TRIGGERS.length],
    (PERMISSIONS[(i >> 2) % PERMISSIONS.length] ?? "").trimEnd(),
    "jobs:",
    ...body,
    "",
  ]
    .filter((line) => line !== "")
    .join("\n")
    .concat("\n");
}
