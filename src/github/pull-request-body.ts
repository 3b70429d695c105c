/**
 * The onboarding PR's description: what the workflow does, what the JFrog mapping admits and what the token may
 * do, and how to undo it. Built only from the policy and the mapping: no secret can reach it.
 */
import type { Policy } from "../config/policy-schema.js";
import type { IdentityMapping } from "../jfrog/types.js";
import { code, table } from "./markdown.js";

export interface PullRequestBodyInput {
  fullName: string;
  policy: Policy;
  mapping: IdentityMapping;
  ecosystem: string;
}

export const APP_MARKER_COMMENT = "<!-- jfrog-oidc-rollout -->";

export function pullRequestBody({ fullName, policy, mapping, ecosystem }: PullRequestBodyInput): string {
  const claimRows = Object.entries(mapping.claims).map(([claim, value]) => [
    code(claim),
    (Array.isArray(value) ? value : [value]).map((v) => code(String(v))).join(" or "),
  ]);
  const spec = mapping.token_spec;
  return [
    APP_MARKER_COMMENT,
    `This PR adds ${code(policy.workflow.path)}, a GitHub Actions workflow that signs in to JFrog with OpenID Connect: no password or token is stored in this repository.`,
    "",
    "### What the workflow does",
    `- Runs on ${triggerText(policy)}.`,
    `- Asks GitHub for a short-lived OIDC token (\`permissions: id-token: write\`, job-level only) and exchanges it through the JFrog integration ${code(policy.provider.name)} (audience ${code(policy.provider.audience)}) with \`jfrog/setup-jfrog-cli\`.`,
    `- Builds this ${ecosystem} project through JFrog${policy.workflow.publish ? " and publishes its artifacts and build info" : ""}.`,
    "",
    "### Who JFrog lets in",
    `The identity mapping ${code(mapping.name)} admits a token only when every claim matches:`,
    "",
    table(["claim", "must be"], claimRows),
    "",
    "Repository and owner are pinned by their immutable ids: a repository re-created under the same name is not admitted.",
    refsSentence(mapping),
    "",
    "### What the JFrog token may do",
    `- Scope: ${code(spec.scope ?? "")}${spec.username ? ` as ${code(spec.username)}` : ""}`,
    `- Lifetime: ${spec.expires_in ?? 3600} seconds`,
    ...(spec.audience ? [`- Audience: ${code(spec.audience)}`] : []),
    "",
    "### Rolling back",
    "- Not now: close this PR without merging. The app will not open it again; comment `/jfrog-oidc setup` to ask for it later.",
    `- After merging: delete ${code(policy.workflow.path)}, or add \`enabled: false\` to \`.github/jfrog-oidc.yml\` in this repository to also remove the JFrog mapping.`,
    "",
    `<sub>Opened by the jfrog-oidc-rollout GitHub App for ${code(fullName)}.</sub>`,
  ].join("\n");
}

function triggerText(policy: Policy): string {
  const t = policy.workflow.triggers;
  const parts = [
    ...(t.push.length
      ? [`pushes to ${t.push.map((b) => (b === "$default" ? "the default branch" : code(b))).join(", ")}`]
      : []),
    ...(t.tags.length ? [`tags ${t.tags.map(code).join(", ")}`] : []),
    ...(t.pullRequest ? ["pull requests"] : []),
    ...(t.workflowDispatch ? ["manual runs"] : []),
  ];
  return parts.join(", ") || "manual runs only";
}

/** Which runs get a token at all: the question a reviewer of this PR asks first. */
function refsSentence(mapping: IdentityMapping): string {
  const ref = mapping.claims.ref;
  if (ref === undefined)
    return "Runs on **any** branch, tag or pull request of this repository get a token: the org policy admits every ref.";
  const refs = (Array.isArray(ref) ? ref : [ref]).map((r) => code(String(r)));
  return `Only runs on ${refs.join(" or ")} get a token; runs on any other ref do not.`;
}
