/**
 * The policy preview as a check run on the pull request's head commit. GitHub caps a check run's `output.summary`
 * and `output.text` at 65,535 characters each and takes at most 50 annotations per request; more annotations are
 * added by updating the run (https://docs.github.com/rest/checks/runs#create-a-check-run). The report is built to
 * fit (render-preview.ts); `fitOutput` is the last guard, so a request GitHub would refuse is never sent.
 */
import type { ProbotOctokit } from "probot";
import { type Annotation, checkRunWrites, publishAnnotatedCheckRun } from "./check-annotation.js";
import type { RepoRef } from "./rest.js";

export const POLICY_PREVIEW_CHECK_NAME = "jfrog-oidc policy preview";
export const OUTPUT_MAX_CHARS = 65_535;

export interface PreviewCheckReport {
  conclusion: "success" | "neutral" | "failure";
  title: string;
  summary: string;
  text: string;
  annotations: Annotation[];
}

/** The GitHub writes a report costs: what the installation's budget reserves before the first one. */
export function previewCheckWrites(report: PreviewCheckReport): number {
  return checkRunWrites(report.annotations);
}

/** Cuts a markdown text at a line boundary so it stays within GitHub's limit, saying that it was cut. */
export function fitOutput(markdown: string, limit = OUTPUT_MAX_CHARS): string {
  if (markdown.length <= limit) return markdown;
  const note = "\n\n… cut here: GitHub keeps at most 65,535 characters of a check run's output.";
  const room = markdown.slice(0, limit - note.length);
  const cut = room.lastIndexOf("\n");
  return `${cut > 0 ? room.slice(0, cut) : room}${note}`;
}

export async function publishPreviewCheck(
  octokit: ProbotOctokit,
  repo: RepoRef,
  headSha: string,
  report: PreviewCheckReport,
): Promise<void> {
  await publishAnnotatedCheckRun(octokit, repo, {
    name: POLICY_PREVIEW_CHECK_NAME,
    headSha,
    conclusion: report.conclusion,
    title: report.title,
    summary: fitOutput(report.summary),
    ...(report.text && { text: fitOutput(report.text) }),
    annotations: report.annotations,
  });
}
