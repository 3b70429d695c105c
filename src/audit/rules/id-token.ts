/**
 * `id-token: write` must be effective in every job that asks for an OIDC token. A job's `permissions` replaces the
 * workflow's; any explicit block leaves every unnamed scope at `none`; `write-all` grants it; without any block the
 * default token never has it (https://docs.github.com/actions/reference/workflow-syntax-for-github-actions#permissions).
 * A reusable workflow gets at most what its caller grants
 * (https://docs.github.com/actions/sharing-automations/reusing-workflows#access-and-permissions), so a workflow
 * that is only `workflow_call`ed and declares nothing is judged at its callers, not here.
 */
import type { Node } from "yaml";
import type { AuditContext } from "../audit-context.js";
import type { Finding } from "../finding.js";
import { jobOidcUses, type OidcUse } from "../oidc-use.js";
import type { JobModel, WorkflowModel } from "../workflow-model.js";
import { asMap, text, valueAt } from "../yaml-nodes.js";
import { findingAt } from "./rule.js";

type Grant = "granted" | "denied" | "undeclared";

export function idTokenGrant(model: WorkflowModel, node: Node | undefined): Grant {
  if (!node) return "undeclared";
  const scalar = text(model.source, node);
  if (scalar !== undefined) return scalar === "write-all" ? "granted" : "denied";
  const map = asMap(model.source, node);
  return text(model.source, valueAt(model.source, map, "id-token")) === "write" ? "granted" : "denied";
}

/** Whether OIDC in this job would fail for want of `id-token: write` (the fix edits ask the same question). */
export function lacksIdToken(model: WorkflowModel, job: JobModel): boolean {
  if (model.kind !== "workflow") return false;
  const calledOnly = model.triggers.length > 0 && model.triggers.every((t) => t.name === "workflow_call");
  const own = idTokenGrant(model, job.permissions);
  const grant = own === "undeclared" ? idTokenGrant(model, model.permissions) : own;
  return !(grant === "granted" || (grant === "undeclared" && calledOnly));
}

export const idTokenRule = (model: WorkflowModel, context: AuditContext): Finding[] =>
  model.jobs.flatMap((job) => {
    const first = jobOidcUses(model, job, context)[0];
    if (!first || !lacksIdToken(model, job)) return [];
    const own = idTokenGrant(model, job.permissions);
    return [findingAt(model, "id-token-missing", "error", first.node, explain(model, job, first, own))];
  });

function explain(model: WorkflowModel, job: JobModel, use: OidcUse, own: Grant) {
  const what = {
    action: "signs in to JFrog with OIDC",
    exchange: "requests a GitHub OIDC token",
    "local-action": `runs ${"target" in use ? use.target : ""}, which signs in to JFrog with OIDC`,
    "reusable-workflow": `calls ${"target" in use ? use.target : ""}, whose jobs sign in to JFrog with OIDC and get at most what this job grants`,
  }[use.kind];
  const why =
    own !== "undeclared"
      ? `its \`permissions\` (line ${line(model, job.permissions)}) do not include \`id-token: write\``
      : model.permissions
        ? `the workflow's \`permissions\` (line ${line(model, model.permissions)}) do not include \`id-token: write\``
        : "no `permissions` grant `id-token: write` (the default token never has it)";
  return {
    message: `Job \`${job.id}\` ${what}, but ${why}: the token request fails.`,
    fix: `Add \`id-token: write\` to the \`permissions\` of job \`${job.id}\`.`,
  };
}

function line(model: WorkflowModel, node: Node | undefined): number {
  return model.source.lines.linePos(node?.range?.[0] ?? 0).line;
}
