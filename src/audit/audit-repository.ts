/**
 * All workflows of one repository at once: each is audited with the others (and the local actions) available, so
 * a reusable workflow or composite action is judged where it is called.
 */
import type { AuditContext } from "./audit-context.js";
import { auditWorkflow } from "./audit-workflow.js";
import type { Finding } from "./finding.js";

const AUDITED = /^\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)action\.ya?ml$/;

export function isAuditedPath(path: string): boolean {
  return AUDITED.test(path);
}

export function auditRepository(
  files: ReadonlyMap<string, string>,
  context: Omit<AuditContext, "files">,
): Finding[] {
  const withFiles: AuditContext = { ...context, files };
  return [...files]
    .filter(([path]) => isAuditedPath(path))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, content]) => auditWorkflow(path, content, withFiles));
}
