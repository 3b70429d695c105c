// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { fixPullRequestBody } from "../../src/audit/fix/fix-pull-request-body.js";
import { fixRepository } from "../../src/audit/fix/fix-repository.js";
import { contextFor, repositories } from "./corpus.js";

const golden = (name: string) =>
  readFileSync(join(import.meta.dirname, "fix-golden", name, "before.yml"), "utf8");

test("a secret is deletable only when no workflow of the repository reads it after the fix", () => {
  const files = new Map([
    [".github/workflows/maven.yml", golden("user-password-job-env")],
    [".github/workflows/release.yml", golden("access-token-step-env")],
    // Still reads secrets.JF_ACCESS_TOKEN from a script: that secret must stay.
    [".github/workflows/publish.yml", golden("script-still-reads-token")],
  ]);
  const fix = fixRepository(files, contextFor(""));
  expect(fix.files.map((f) => f.path)).toEqual([
    ".github/workflows/maven.yml",
    ".github/workflows/publish.yml",
    ".github/workflows/release.yml",
  ]);
  expect(fix.deletableSecrets).toEqual(["ARTIFACTORY_PASSWORD", "ARTIFACTORY_USER"]);
  expect(fix.remaining.map((f) => `${f.path}:${f.start.line} ${f.rule}`)).toEqual([
    ".github/workflows/publish.yml:12 stored-credential",
  ]);
});

test("a composite action and its caller are fixed together", () => {
  const repo = repositories().find((r) => r.name === "repo-composite");
  const fix = fixRepository(repo?.files ?? new Map(), contextFor(""));
  expect(fix.files.map((f) => [f.path, f.changes.map((c) => `${c.line} ${c.rule}`)])).toEqual([
    [".github/actions/jfrog-login/action.yml", ["6 action-outdated-major", "8 audience-missing"]],
    [".github/workflows/build.yml", ["6 id-token-missing"]],
  ]);
  expect(fix.remaining).toEqual([]);
});

test("the PR body lists each change, the deletable secrets and what is left, with repository text quoted", () => {
  const hostile = [
    "on: push",
    "permissions: { contents: read }",
    "jobs:",
    "  'x`</details>@octocat':",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: jfrog/setup-jfrog-cli@v4",
    "        env:",
    "          JF_ACCESS_TOKEN: ${{ secrets.JF_TOKEN }}",
    '      - run: jf c add --access-token "${{ secrets.OTHER }}"',
  ].join("\n");
  const fix = fixRepository(new Map([[".github/workflows/ci.yml", hostile]]), contextFor(""));
  expect(fixPullRequestBody(fix, "acme/app")).toMatchInlineSnapshot(`
    "<!-- jfrog-oidc-rollout:fix -->
    This PR fixes what the JFrog OIDC audit found in this repository's workflows, with the smallest edits it could make: every other line is unchanged.

    ### Changes

    **\`.github/workflows/ci.yml\`**

    - line 4: job \`x'</details>@octocat\`: own \`permissions\` added (the workflow's, plus \`id-token: write\`)
    - line 7: \`jfrog/setup-jfrog-cli@v4\` → \`jfrog/setup-jfrog-cli@v5\`
    - line 7: job \`x'</details>@octocat\`: jfrog/setup-jfrog-cli signs in with OIDC (\`oidc-provider-name\`, \`oidc-audience\` added)
    - line 7: \`JF_ACCESS_TOKEN\` removed from the \`env\` of the jfrog/setup-jfrog-cli step of job \`x'</details>@octocat\`

    ### Secrets you can delete once this merges
    No workflow of this repository reads them any more. Check that nothing outside these workflows does (an environment, another repository using an organization secret) before deleting:

    - \`JF_TOKEN\`

    ### Left for you
    The app could not change these without rewriting more than the offending line:

    - \`.github/workflows/ci.yml\` line 14: Long-lived JFrog credential fed from a stored secret

    <sub>Opened by the jfrog-oidc-rollout GitHub App for \`acme/app\`. Close it to decline: the app will not open it again.</sub>"
  `);
});
