/**
 * The fix PR's description: each change by file and line, the secrets that can be deleted once it merges, and
 * what is left to do by hand. Pure; every value that came from a repository goes through `code()` (the changes
 * are built with it), so no workflow text can inject markup or ping anyone.
 */
import { bullets, code } from "../../github/markdown.js";
import { RULES } from "../finding.js";
import type { RepositoryFix } from "./fix-repository.js";

export const FIX_MARKER_COMMENT = "<!-- jfrog-oidc-rollout:fix -->";

export function fixPullRequestBody(fix: RepositoryFix, fullName: string): string {
  const changes = fix.files.flatMap((file) => [
    `**${code(file.path)}**`,
    "",
    bullets(file.changes.map((c) => `line ${c.line}: ${c.description}`)),
    "",
  ]);
  const secrets = fix.deletableSecrets.length
    ? [
        "### Secrets you can delete once this merges",
        "No workflow of this repository reads them any more. Check that nothing outside these workflows does (an environment, another repository using an organization secret) before deleting:",
        "",
        bullets(fix.deletableSecrets.map((s) => code(s))),
        "",
      ]
    : [];
  const manual = fix.remaining.length
    ? [
        "### Left for you",
        "The app could not change these without rewriting more than the offending line:",
        "",
        bullets(fix.remaining.map((f) => `${code(f.path)} line ${f.start.line}: ${RULES[f.rule]}`)),
        "",
      ]
    : [];
  return [
    FIX_MARKER_COMMENT,
    "This PR fixes what the JFrog OIDC audit found in this repository's workflows, with the smallest edits it could make: every other line is unchanged.",
    "",
    "### Changes",
    "",
    ...changes,
    ...secrets,
    ...manual,
    `<sub>Opened by the jfrog-oidc-rollout GitHub App for ${code(fullName)}. Close it to decline: the app will not open it again.</sub>`,
  ].join("\n");
}
