/** What every rule family is: a pure function of one parsed file and the org's context. */
import type { Node } from "yaml";
import type { AuditContext } from "../audit-context.js";
import type { Finding, RuleId, Severity } from "../finding.js";
import type { WorkflowModel } from "../workflow-model.js";
import { position, span } from "../yaml-nodes.js";

export type Rule = (model: WorkflowModel, context: AuditContext) => Finding[];

export interface FindingText {
  message: string;
  fix: string;
  secrets?: string[];
}

export function findingAt(
  model: WorkflowModel,
  rule: RuleId,
  severity: Severity,
  at: Node | { start: number; end: number },
  says: FindingText,
): Finding {
  const where =
    "start" in at && typeof at.start === "number"
      ? { start: position(model.source, at.start), end: position(model.source, at.end) }
      : span(model.source, at as Node);
  return { rule, severity, path: model.path, ...where, ...says };
}

/** `secrets.NAME` and `secrets['NAME']` in an expression. */
const SECRET_REFERENCE = /\bsecrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*['"]([^'"]+)['"]\s*\]|\[)/g;

export function referencesSecret(value: string): boolean {
  return new RegExp(SECRET_REFERENCE.source).test(value);
}

export function secretNames(value: string): string[] {
  return [...value.matchAll(SECRET_REFERENCE)].flatMap((m) => m[1] ?? m[2] ?? []);
}

export function isExpression(value: string): boolean {
  return value.includes("${{");
}
