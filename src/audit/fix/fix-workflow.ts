/**
 * The smallest edit that fixes what the audit found in one file, as splices on its original text (every other
 * byte kept), the list of changes for the PR body, the secrets whose last use it removed, and what is left for a
 * human (the findings the fixed file still has). Pure.
 */
import type { AuditContext } from "../audit-context.js";
import { auditWorkflow } from "../audit-workflow.js";
import type { Finding } from "../finding.js";
import { secretNames } from "../rules/rule.js";
import { parseWorkflow } from "../workflow-model.js";
import { credentialFix } from "./credential-fix.js";
import type { FixChange } from "./fix-change.js";
import { idTokenFix } from "./id-token-fix.js";
import { inputsFix } from "./inputs-fix.js";
import { applyEdits } from "./text-edit.js";
import { versionFix } from "./version-fix.js";

export interface WorkflowFix {
  path: string;
  before: string;
  after: string;
  changes: FixChange[];
  /** Secrets this file no longer reads after the fix (it read them before). */
  releasedSecrets: string[];
  /** What the fix could not do: the audit's findings on the fixed file. */
  remaining: Finding[];
}

export function fixWorkflow(path: string, before: string, context: AuditContext): WorkflowFix {
  const parsed = parseWorkflow(path, before);
  const unchanged = (): WorkflowFix => ({
    path,
    before,
    after: before,
    changes: [],
    releasedSecrets: [],
    remaining: auditWorkflow(path, before, context),
  });
  if (!parsed.ok) return unchanged();
  const { model } = parsed;
  const credentials = credentialFix(model, context);
  // Order matters for edits at one offset: a version comment belongs on the `uses:` line, before an added `with:`.
  const parts = [
    versionFix(model, context),
    inputsFix(model, context),
    credentials,
    idTokenFix(model, context, credentials.convertedJobs),
  ];
  const edits = parts.flatMap((p) => p.edits);
  if (edits.length === 0) return unchanged();
  const after = applyEdits(before, edits);
  const stillRead = new Set(secretNames(after));
  return {
    path,
    before,
    after,
    // An anchored node reached through an alias is edited once and listed once.
    changes: [
      ...new Map(parts.flatMap((p) => p.changes).map((c) => [`${c.line}:${c.description}`, c])).values(),
    ].sort((a, b) => a.line - b.line),
    releasedSecrets: (credentials.removedSecrets ?? []).filter((s) => !stillRead.has(s)).sort(),
    remaining: auditWorkflow(path, after, context),
  };
}
