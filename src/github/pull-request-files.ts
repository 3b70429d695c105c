/**
 * Whether a pull request changes a workflow or a local action. One page of its files: a PR with more than 100
 * files counts as changing them (fail closed: auditing once too often beats missing a change).
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
 */
import type { ProbotOctokit } from "probot";
import type { RepoRef } from "./rest.js";

export const WORKFLOW_PATHS = /^\.github\/(workflows|actions)\//;
const PAGE = 100;

export async function pullRequestChangesWorkflows(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pullNumber: number,
): Promise<boolean> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    ...repo,
    pull_number: pullNumber,
    per_page: PAGE,
  });
  return (
    data.length >= PAGE ||
    data.some((f) => WORKFLOW_PATHS.test(f.filename) || WORKFLOW_PATHS.test(f.previous_filename ?? ""))
  );
}

/**
 * The paths a pull request changes (renamed files under both names), from one page of its files; "many" when
 * there may be more than that page holds (the caller then treats every file as changed: fail closed).
 */
export async function pullRequestChangedPaths(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pullNumber: number,
): Promise<Set<string> | "many"> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    ...repo,
    pull_number: pullNumber,
    per_page: PAGE,
  });
  if (data.length >= PAGE) return "many";
  return new Set(data.flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]));
}
