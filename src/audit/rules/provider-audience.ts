/**
 * The workflow must name the org's integration and its audience: JFrog refuses a token whose `aud` differs from the
 * integration's audience, and an empty `oidc-audience` falls back to GitHub's default audience
 * (https://github.com/jfrog/setup-jfrog-cli#connecting-to-jfrog-using-oidc-openid-connect). An expression cannot be
 * checked here, so it is a warning rather than silence.
 */
import type { AuditContext } from "../audit-context.js";
import type { Finding } from "../finding.js";
import { isSetupJfrogCli, usesOidcInputs } from "../oidc-use.js";
import type { StepModel, WorkflowModel } from "../workflow-model.js";
import { pairOf, resolve, text } from "../yaml-nodes.js";
import { findingAt, isExpression } from "./rule.js";

export const providerAudienceRule = (model: WorkflowModel, context: AuditContext): Finding[] =>
  model.jobs.flatMap((job) =>
    job.steps
      .filter((step) => step.uses && isSetupJfrogCli(step.uses.value) && usesOidcInputs(model, step))
      .flatMap((step) => [
        ...checkInput(model, step, "oidc-provider-name", context.provider.name),
        ...checkInput(model, step, "oidc-audience", context.provider.audience),
      ]),
  );

function checkInput(model: WorkflowModel, step: StepModel, input: string, expected: string): Finding[] {
  const pair = pairOf(model.source, step.with, input);
  const node = resolve(model.source, pair?.value);
  const value = text(model.source, node);
  const rule = input === "oidc-audience" ? "audience-mismatch" : "provider-mismatch";
  if (!pair || !node || value === undefined || value.trim() === "") {
    if (input !== "oidc-audience") return [];
    const at = resolve(model.source, pairOf(model.source, step.with, "oidc-provider-name")?.key);
    return at
      ? [
          findingAt(model, "audience-missing", "error", at, {
            message:
              "No `oidc-audience`: the token gets GitHub's default audience, which the JFrog integration refuses.",
            fix: `Add \`oidc-audience: ${expected}\`.`,
          }),
        ]
      : [];
  }
  if (value === expected) return [];
  if (isExpression(value))
    return [
      findingAt(model, rule, "warning", node, {
        message: `\`${input}\` is an expression the audit cannot check; the org's integration expects \`${expected}\`.`,
        fix: `Write \`${expected}\` literally.`,
      }),
    ];
  return [
    findingAt(model, rule, "error", node, {
      message: `\`${input}\` is \`${value}\`, but the org's JFrog integration ${input === "oidc-audience" ? "expects the audience" : "is"} \`${expected}\`: the exchange fails or signs in through a mapping the app does not manage.`,
      fix: `Set \`${input}: ${expected}\`.`,
    }),
  ];
}
