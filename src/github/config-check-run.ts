/**
 * Config problems are reported where an admin looks: a check run on the commit that holds the file, listing each
 * field and why. (Also logged by the caller.)
 */
import type { ProbotOctokit } from "probot";
import { type ConfigProblem, formatProblem } from "../config/config-problem.js";
import { boundedCode, bullets } from "./markdown.js";
import type { RepoRef } from "./rest.js";

export const CHECK_RUN_NAME = "jfrog-oidc config";
/** GitHub caps a summary at 65535 characters: 50 problems of at most 1000 characters each stay well below it. */
const MAX_PROBLEMS = 50;
const MAX_PROBLEM_CHARS = 1000;

export interface ConfigCheckRun {
  repo: RepoRef;
  headSha: string;
  /** `failure`: nothing is written until fixed; `neutral`: some fields were refused, the org policy applied. */
  conclusion: "failure" | "neutral";
  title: string;
  problems: ConfigProblem[];
}

export async function reportConfigCheckRun(octokit: ProbotOctokit, check: ConfigCheckRun): Promise<void> {
  // Field names and messages carry the file's own text (unknown keys, refused values): each line is one code span.
  const lines = check.problems.map((p) => boundedCode(formatProblem(p), MAX_PROBLEM_CHARS));
  await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
    ...check.repo,
    name: CHECK_RUN_NAME,
    head_sha: check.headSha,
    status: "completed",
    conclusion: check.conclusion,
    output: {
      title: check.title,
      summary: [
        bullets(lines.slice(0, MAX_PROBLEMS)),
        ...(lines.length > MAX_PROBLEMS ? [`… and ${lines.length - MAX_PROBLEMS} more`] : []),
      ].join("\n"),
    },
  });
}

/** The latest commit that touched a file: where an org policy problem belongs. */
export async function latestCommitTouching(
  octokit: ProbotOctokit,
  repo: RepoRef,
  path: string,
): Promise<string | null> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/commits", { ...repo, path, per_page: 1 });
  return data[0]?.sha ?? null;
}
