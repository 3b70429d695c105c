/** What one fix did, for the PR body; each edit a fix makes comes with one. */
import type { RuleId } from "../finding.js";
import type { Edit } from "./text-edit.js";

export interface FixChange {
  rule: RuleId;
  /** 1-based line in the file BEFORE the fix. */
  line: number;
  description: string;
}

export interface FixPart {
  edits: Edit[];
  changes: FixChange[];
  /** Secrets whose last reference in this file the fix removed. */
  removedSecrets?: string[];
}

export function part(edits: Edit[], changes: FixChange[], removedSecrets: string[] = []): FixPart {
  return { edits, changes, removedSecrets };
}
