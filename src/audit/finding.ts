/**
 * What the workflow audit reports: one finding per problem, on the exact file, line and column it comes from, so a
 * check run can annotate it (https://docs.github.com/rest/checks/runs#create-a-check-run, `annotations[]`).
 */

export type Severity = "error" | "warning" | "notice";

export const RULES = {
  "id-token-missing": "OIDC used without an effective `id-token: write`",
  "stored-credential": "Long-lived JFrog credential fed from a stored secret",
  "provider-mismatch": "`oidc-provider-name` is not the org's JFrog integration",
  "audience-mismatch": "`oidc-audience` is not the org's integration audience",
  "audience-missing": "No `oidc-audience`",
  "action-outdated-major": "Outdated major of jfrog/setup-jfrog-cli",
  "action-branch-ref": "jfrog/setup-jfrog-cli referenced by a branch",
  "action-unpinned": "jfrog/setup-jfrog-cli not pinned to a commit",
  "untrusted-trigger": "OIDC in a workflow that untrusted code can trigger",
  "manual-exchange": "Hand-written JFrog token exchange",
  unparseable: "The file cannot be read as YAML",
} as const;

export type RuleId = keyof typeof RULES;

export interface Position {
  line: number;
  column: number;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  path: string;
  /** 1-based; `end` is the position just after the offending node. */
  start: Position;
  end: Position;
  message: string;
  /** What to change, in one sentence (the fix PR does it where it can). */
  fix: string;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.path.localeCompare(b.path) ||
    a.start.line - b.start.line ||
    a.start.column - b.start.column ||
    a.rule.localeCompare(b.rule)
  );
}

/** The same node reached twice (an alias used by two jobs) is reported once. */
export function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path}:${f.start.line}:${f.start.column}:${f.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
