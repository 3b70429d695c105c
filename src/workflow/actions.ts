/**
 * Third-party actions the generated workflow uses: the ONE table of their versions. Each is the newest major as of
 * ACTIONS_CHECKED_ON, all on the node24 runtime (GitHub forces node20 actions onto node24 since June 2026:
 * https://github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners/).
 *
 * When bumping a major, quote the new major's `inputs:` in test/workflow/action-inputs/ (with the commit it came
 * from) and update the date: test/workflow/action-inputs.test.ts checks every `with:` input the renderer writes
 * against those quotes, since the runner silently ignores an unknown input (setup-python v7 removed `pip-install`)
 * and the tests' actionlint (v1.7.7) accepts any tag newer than it knows without checking inputs.
 */
export const ACTIONS_CHECKED_ON = "2026-11-27";

export const ACTIONS = {
  checkout: "actions/checkout@v7",
  setupNode: "actions/setup-node@v7",
  setupJava: "actions/setup-java@v5",
  setupPython: "actions/setup-python@v7",
  setupGo: "actions/setup-go@v7",
} as const;

export const SETUP_JFROG_CLI = "jfrog/setup-jfrog-cli";

/** The major the generated workflow uses (the policy's default `setupJfrogCli.version`); the audit flags older ones. */
export const SETUP_JFROG_CLI_CURRENT_MAJOR = 5;

/**
 * Inputs declared in setup-jfrog-cli's action.yml (its version comes from the org policy, default v5) that the
 * renderer may write; test/workflow/action-inputs.test.ts checks them against the quoted v5 action.yml.
 */
export const SETUP_JFROG_CLI_INPUTS = [
  "version",
  "download-repository",
  "oidc-provider-name",
  "oidc-audience",
  "disable-job-summary",
  "disable-auto-build-publish",
  "disable-auto-evidence-collection",
  "custom-server-id",
  "ghe-base-url",
] as const;

export type SetupJfrogCliInput = (typeof SETUP_JFROG_CLI_INPUTS)[number];
