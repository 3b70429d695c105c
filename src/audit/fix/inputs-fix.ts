/**
 * Points OIDC sign-ins at the org's integration: a wrong literal `oidc-provider-name` / `oidc-audience` is replaced
 * in place (its quoting kept), a missing audience is added to the step's `with:`. Expressions are left alone: the
 * variable may well hold the right value, and a human decides.
 */
import { code } from "../../github/markdown.js";
import type { AuditContext } from "../audit-context.js";
import { isSetupJfrogCli, usesOidcInputs } from "../oidc-use.js";
import { isExpression } from "../rules/rule.js";
import type { WorkflowModel } from "../workflow-model.js";
import { pairOf, position, resolve, text } from "../yaml-nodes.js";
import { type FixChange, type FixPart, part } from "./fix-change.js";
import type { Edit } from "./text-edit.js";
import { appendPairs, replaceScalar, scalarText } from "./yaml-edit.js";

export function inputsFix(model: WorkflowModel, context: AuditContext): FixPart {
  const edits: Edit[] = [];
  const changes: FixChange[] = [];
  const steps = model.jobs
    .flatMap((job) => job.steps)
    .filter((step) => step.uses && isSetupJfrogCli(step.uses.value) && usesOidcInputs(model, step));
  for (const step of steps) {
    if (!step.with) continue;
    for (const [input, expected] of [
      ["oidc-provider-name", context.provider.name],
      ["oidc-audience", context.provider.audience],
    ] as const) {
      const pair = pairOf(model.source, step.with, input);
      const node = resolve(model.source, pair?.value);
      const value = text(model.source, node);
      const rule = input === "oidc-audience" ? "audience-mismatch" : "provider-mismatch";
      if (node && value !== undefined && value !== expected && value.trim() !== "" && !isExpression(value)) {
        const edit = replaceScalar(node, expected);
        if (!edit) continue;
        edits.push(edit);
        changes.push({
          rule,
          line: position(model.source, edit.start).line,
          description: `${code(input)}: ${code(value)} → ${code(expected)}`,
        });
      } else if (!pair && input === "oidc-audience") {
        const edit = appendPairs(model.source, step.with, [`oidc-audience: ${scalarText(expected)}`]);
        if (!edit) continue;
        edits.push(edit);
        changes.push({
          rule: "audience-missing",
          line: position(model.source, step.with.range?.[0] ?? 0).line,
          description: `${code(`oidc-audience: ${expected}`)} added`,
        });
      }
    }
  }
  return part(edits, changes);
}
