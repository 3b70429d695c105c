/**
 * The workflow audit as a check run: one annotation per finding on its exact file and line. GitHub takes at most
 * 50 annotations per request, so the run is created with the first 50 and updated with the rest
 * (https://docs.github.com/rest/checks/runs#update-a-check-run); columns only when the span is on one line, as
 * the API requires. Annotation text is plain text (not markdown); the summary is markdown through `code()`.
 */
import type { ProbotOctokit } from "probot";
import { type Annotation, checkRunWrites, publishAnnotatedCheckRun } from "../github/check-annotation.js";
import { bullets, code } from "../github/markdown.js";
import type { RepoRef } from "../github/rest.js";
import type { Finding, Severity } from "./finding.js";

export const WORKFLOW_AUDIT_CHECK_NAME = "jfrog-oidc workflow audit";
const LEVEL: Record<Severity, "failure" | "warning" | "notice"> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};

export interface WorkflowAuditReport {
  conclusion: "success" | "neutral" | "failure";
  title: string;
  summary: string;
  annotations: Annotation[];
}

export function annotationOf(finding: Finding): Annotation {
  const oneLine = finding.start.line === finding.end.line;
  return {
    path: finding.path,
    start_line: finding.start.line,
    end_line: Math.max(finding.end.line, finding.start.line),
    ...(oneLine
      ? {
          start_column: finding.start.column,
          end_column: Math.max(finding.end.column - 1, finding.start.column),
        }
      : {}),
    annotation_level: LEVEL[finding.severity],
    title: finding.rule,
    message: `${finding.message}\nFix: ${finding.fix}`.slice(0, 64_000),
  };
}

export function workflowAuditReport(
  findings: readonly Finding[],
  audited: number,
  unreadable: readonly string[],
): WorkflowAuditReport {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  // Fail closed: a workflow file GitHub would not give as text was not audited, so the run cannot pass.
  const conclusion = errors > 0 || unreadable.length > 0 ? "failure" : warnings > 0 ? "neutral" : "success";
  const title =
    findings.length === 0 && unreadable.length === 0
      ? `${audited} JFrog workflow file(s): no findings`
      : `${errors} error(s), ${warnings} warning(s) in ${audited} JFrog workflow file(s)`;
  const byFile = [...new Set(findings.map((f) => f.path))].map(
    (path) => `${code(path)}: ${findings.filter((f) => f.path === path).length} finding(s)`,
  );
  const summary = [
    "Each finding is annotated on its line. The audit checks `id-token: write`, stored JFrog credentials, the integration's provider and audience, the setup-jfrog-cli reference, and untrusted triggers.",
    ...(byFile.length ? ["", bullets(byFile)] : []),
    ...(unreadable.length
      ? ["", "Not audited (GitHub gave no text for them):", bullets(unreadable.map((p) => code(p)))]
      : []),
  ]
    .join("\n")
    .slice(0, 60_000);
  return { conclusion, title, summary, annotations: findings.map(annotationOf) };
}

/** The number of GitHub writes a report costs: what the installation's budget must reserve before it is sent. */
export function reportWrites(report: WorkflowAuditReport): number {
  return checkRunWrites(report.annotations);
}

export async function publishWorkflowAudit(
  octokit: ProbotOctokit,
  repo: RepoRef,
  headSha: string,
  report: WorkflowAuditReport,
): Promise<void> {
  await publishAnnotatedCheckRun(octokit, repo, {
    name: WORKFLOW_AUDIT_CHECK_NAME,
    headSha,
    conclusion: report.conclusion,
    title: report.title,
    summary: report.summary,
    annotations: report.annotations,
  });
}
