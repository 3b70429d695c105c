/**
 * The fix for one repository: every audited file fixed with the others in view (local actions, reusable
 * workflows), the changed files, what is left for a human, and the secrets no file reads any more.
 */
import type { AuditContext } from "../audit-context.js";
import { isAuditedPath } from "../audit-repository.js";
import type { Finding } from "../finding.js";
import { secretNames } from "../rules/rule.js";
import { fixWorkflow, type WorkflowFix } from "./fix-workflow.js";

export interface RepositoryFix {
  /** Only the files the fix changes, by path. */
  files: WorkflowFix[];
  remaining: Finding[];
  /** Secrets that workflows read before the fix and none reads after it. */
  deletableSecrets: string[];
}

export function fixRepository(
  files: ReadonlyMap<string, string>,
  context: Omit<AuditContext, "files">,
): RepositoryFix {
  const withFiles: AuditContext = { ...context, files };
  const fixes = [...files]
    .filter(([path]) => isAuditedPath(path))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, content]) => fixWorkflow(path, content, withFiles));
  const changed = fixes.filter((f) => f.after !== f.before);
  const fixedText = new Map(files);
  for (const f of changed) fixedText.set(f.path, f.after);
  const stillRead = new Set([...fixedText.values()].flatMap((text) => secretNames(text)));
  return {
    files: changed,
    remaining: fixes.flatMap((f) => f.remaining),
    deletableSecrets: [...new Set(changed.flatMap((f) => f.releasedSecrets))]
      .filter((s) => !stillRead.has(s))
      .sort(),
  };
}
