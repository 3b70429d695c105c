/**
 * Grants `id-token: write` to exactly the jobs that need it, at job level (least privilege: other jobs keep what
 * they had). A job's own block gets the one line; a job without one gets a block copying the workflow's
 * permissions plus `id-token: write` (a job block replaces the workflow's, so nothing else changes for it); a job
 * with neither gets `contents: read` + `id-token: write`, and the PR body says so. Shared (anchored or aliased)
 * blocks and `read-all` are left for a human: editing them would grant more than the one job.
 */
import { isAlias, isScalar, type Node } from "yaml";
import { code } from "../../github/markdown.js";
import type { AuditContext } from "../audit-context.js";
import { jobOidcUses } from "../oidc-use.js";
import { lacksIdToken } from "../rules/id-token.js";
import type { JobModel, WorkflowModel } from "../workflow-model.js";
import { asMap, keyText, pairOf, pairs, position, resolve, text } from "../yaml-nodes.js";
import { type FixChange, type FixPart, part } from "./fix-change.js";
import type { Edit } from "./text-edit.js";
import { appendPairs, indentUnit, isFlow, prependBlock, replaceScalar } from "./yaml-edit.js";

const DEFAULT_GRANT = ["contents: read", "id-token: write"];

export function idTokenFix(
  model: WorkflowModel,
  context: AuditContext,
  convertedJobs: ReadonlySet<JobModel>,
): FixPart {
  const edits: Edit[] = [];
  const changes: FixChange[] = [];
  for (const job of model.jobs) {
    const needs = convertedJobs.has(job) || jobOidcUses(model, job, context).length > 0;
    if (!needs || !lacksIdToken(model, job)) continue;
    const made = grant(model, job);
    if (!made) continue;
    edits.push(made.edit);
    changes.push({
      rule: "id-token-missing",
      line: position(model.source, made.at).line,
      description: made.description,
    });
  }
  return part(edits, changes);
}

function grant(
  model: WorkflowModel,
  job: JobModel,
): { edit: Edit; at: number; description: string } | undefined {
  const { source } = model;
  const pair = pairOf(source, job.node, "permissions");
  if (pair) {
    const node = pair.value as Node | null;
    if (!node || isAlias(node) || (node as { anchor?: string }).anchor) return undefined;
    const map = asMap(source, node);
    if (!map) return undefined; // read-all, or a scalar GitHub would refuse
    const existing = pairOf(source, map, "id-token");
    const existingValue = resolve(source, existing?.value);
    const edit =
      existing && existingValue
        ? replaceScalar(existingValue, "write")
        : appendPairs(source, map, ["id-token: write"]);
    return (
      edit && {
        edit,
        at: node.range?.[0] ?? 0,
        description: `job ${code(job.id)}: \`id-token: write\` added to its permissions`,
      }
    );
  }
  const lines = inheritedPermissions(model);
  if (!lines) return undefined;
  const description =
    model.permissions === undefined
      ? `job ${code(job.id)}: \`permissions\` added with \`contents: read\` and \`id-token: write\` (it had the default token permissions; add any other scope it needs)`
      : `job ${code(job.id)}: own \`permissions\` added (the workflow's, plus \`id-token: write\`)`;
  const edit = isFlow(job.node)
    ? appendPairs(source, job.node, [`permissions: { ${lines.join(", ")} }`])
    : prependBlock(source, job.node, [
        "permissions:",
        ...lines.map((l) => `${" ".repeat(indentUnit(source, job.key, job.node))}${l}`),
      ]);
  return edit && { edit, at: job.key.range?.[0] ?? 0, description };
}

/** The workflow's permissions as `scope: level` lines, plus `id-token: write`; undefined when not a plain mapping. */
function inheritedPermissions(model: WorkflowModel): string[] | undefined {
  if (model.permissions === undefined) return DEFAULT_GRANT;
  if (isScalar(model.permissions)) return undefined;
  const map = asMap(model.source, model.permissions);
  if (!map) return undefined;
  const lines = pairs(model.source, map)
    .filter((p) => keyText(model.source, p) !== "id-token")
    .map((p) => `${keyText(model.source, p)}: ${text(model.source, p.value) ?? ""}`);
  return [...lines, "id-token: write"];
}
