/** One workflow step, in the key order it is rendered. */
export interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
  run?: string;
  /** Rendered as a comment above the step, for reviewers of the onboarding PR. */
  comment?: string;
  /** Rendered as a line comment after `uses:` (the version a pinned SHA stands for). */
  usesComment?: string;
}

/**
 * Job-level variables the `run:` scripts read. Scripts are constant text: every value that varies (repository
 * keys, patterns, anything from the github context) reaches them through `env:`, never through `${{ }}` inside
 * the script, so no value can rewrite a script
 * (https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections).
 */
export const ENV = {
  resolveRepo: "JFROG_RESOLVE_REPO",
  deployRepo: "JFROG_DEPLOY_REPO",
} as const;

/** A GitHub expression over a context path the renderer chose; never built from an untrusted value. */
export function expression(body: string): string {
  return `\${{ ${body} }}`;
}

/** `jf <tool>-config` with its resolve flags, plus its deploy flags when the workflow publishes. */
export function jfConfig(
  command: string,
  flags: { resolve: readonly string[]; deploy: readonly string[] },
  deploy: boolean,
): string {
  const args = [
    ...flags.resolve.map((flag) => `${flag} "$${ENV.resolveRepo}"`),
    ...(deploy ? flags.deploy.map((flag) => `${flag} "$${ENV.deployRepo}"`) : []),
  ];
  return [`jf ${command}`, ...args].join(" \\\n  ");
}
