/**
 * Where a job asks GitHub for an OIDC token to sign in to JFrog: `jfrog/setup-jfrog-cli` with `oidc-provider-name`
 * (https://github.com/jfrog/setup-jfrog-cli#connecting-to-jfrog-using-oidc-openid-connect), a hand-written exchange
 * (`ACTIONS_ID_TOKEN_REQUEST_*` then `POST /access/api/v1/oidc/token`), a local composite action doing either, or a
 * reusable workflow of the same repository whose jobs do. Each needs `id-token: write` in the job that runs it.
 */
import type { Node } from "yaml";
import { SETUP_JFROG_CLI } from "../workflow/actions.js";
import type { AuditContext } from "./audit-context.js";
import { type JobModel, parseWorkflow, type StepModel, type WorkflowModel } from "./workflow-model.js";
import { text, valueAt } from "./yaml-nodes.js";

export type OidcUse =
  | { kind: "action"; node: Node }
  | { kind: "exchange"; node: Node }
  | { kind: "local-action"; node: Node; target: string }
  | { kind: "reusable-workflow"; node: Node; target: string };

export const EXCHANGE_PATH = /\/access\/api\/v1\/oidc\/token/;
const ID_TOKEN_REQUEST = /ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/;
const MAX_DEPTH = 4;

export function isSetupJfrogCli(uses: string): boolean {
  return uses.toLowerCase().startsWith(`${SETUP_JFROG_CLI}@`);
}

export function usesOidcInputs(model: WorkflowModel, step: StepModel): boolean {
  return (text(model.source, valueAt(model.source, step.with, "oidc-provider-name")) ?? "").trim() !== "";
}

export function stepOidcUse(
  model: WorkflowModel,
  step: StepModel,
  context: AuditContext,
  depth = 0,
): OidcUse | undefined {
  if (step.uses && isSetupJfrogCli(step.uses.value) && usesOidcInputs(model, step))
    return { kind: "action", node: step.uses.node };
  if (step.run && (ID_TOKEN_REQUEST.test(step.run.value) || EXCHANGE_PATH.test(step.run.value)))
    return { kind: "exchange", node: step.run.node };
  if (step.uses?.value.startsWith("./")) {
    const target = localActionPath(step.uses.value, context);
    if (target && fileUsesOidc(target, context, depth + 1))
      return { kind: "local-action", node: step.uses.node, target };
  }
  return undefined;
}

export function jobOidcUses(
  model: WorkflowModel,
  job: JobModel,
  context: AuditContext,
  depth = 0,
): OidcUse[] {
  if (job.uses?.value.startsWith("./")) {
    const target = job.uses.value.slice(2).split("@")[0] ?? "";
    return fileUsesOidc(target, context, depth + 1)
      ? [{ kind: "reusable-workflow", node: job.uses.node, target }]
      : [];
  }
  return job.steps.flatMap((step) => stepOidcUse(model, step, context, depth) ?? []);
}

function localActionPath(uses: string, context: AuditContext): string | undefined {
  const dir = uses.slice(2).replace(/\/+$/, "");
  return [`${dir}/action.yml`, `${dir}/action.yaml`].find((path) => context.files?.has(path));
}

/** Whether another file of the repository (a composite action, a reusable workflow) signs in with OIDC. */
function fileUsesOidc(path: string, context: AuditContext, depth: number): boolean {
  const content = context.files?.get(path);
  if (content === undefined || depth > MAX_DEPTH) return false;
  const parsed = parseWorkflow(path, content);
  if (!parsed.ok) return false;
  return parsed.model.jobs.some((job) => jobOidcUses(parsed.model, job, context, depth).length > 0);
}
