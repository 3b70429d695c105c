/**
 * Check runs that carry annotations. GitHub takes at most 50 annotations per request, so a run is created with the
 * first 50 and updated with the rest (https://docs.github.com/rest/checks/runs#update-a-check-run); an annotation
 * has columns only when its span is on one line, and its message is plain text, not markdown.
 */
import type { ProbotOctokit } from "probot";
import type { RepoRef } from "./rest.js";

export const ANNOTATIONS_PER_REQUEST = 50;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

export interface AnnotatedCheckRun {
  name: string;
  headSha: string;
  conclusion: "success" | "neutral" | "failure";
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
}

/** The GitHub writes a run costs (one create, one update per further 50 annotations): what a budget reserves. */
export function checkRunWrites(annotations: readonly Annotation[]): number {
  return Math.max(1, Math.ceil(annotations.length / ANNOTATIONS_PER_REQUEST));
}

/** Creates the completed run with its first annotations, then adds the rest 50 at a time. */
export async function publishAnnotatedCheckRun(
  octokit: ProbotOctokit,
  repo: RepoRef,
  run: AnnotatedCheckRun,
): Promise<void> {
  const batches: Annotation[][] = [];
  for (let i = 0; i < run.annotations.length; i += ANNOTATIONS_PER_REQUEST)
    batches.push(run.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (annotations: Annotation[]) => ({
    title: run.title,
    summary: run.summary,
    ...(run.text && { text: run.text }),
    annotations,
  });
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
    ...repo,
    name: run.name,
    head_sha: run.headSha,
    status: "completed",
    conclusion: run.conclusion,
    output: output(batches[0] ?? []),
  });
  for (const batch of batches.slice(1))
    await octokit.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      ...repo,
      check_run_id: data.id,
      output: output(batch),
    });
}
