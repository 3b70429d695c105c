/**
 * Config problems are reported where an admin looks: a check run on the commit that holds the file, listing each
 * field and why. (Also logged by the caller.)
 */
import type { ProbotOctokit } from "probot";
import { type ConfigProblem, formatProblem } from "../config/config-problem.js";
import type { RepoRef } from "./rest.js";

export const CHECK_RUN_NAME = "jfrog-oidc config";

export interface ConfigCheckRun {
  repo: RepoRef;
  headSha: string;
  /** `failure`: nothing is written until fixed; `neutral`: some fields were refused, the org policy applied. */
  conclusion: "failure" | "neutral";
  title: string;
  problems: ConfigProblem[];
}

export async function reportConfigCheckRun(octokit: ProbotOctokit, check: ConfigCheckRun): Promise<void> {
  const lines = check.problems.map((p) => `- ${formatProblem(p)}`);
  await octokit.request("POST /repos/{owner}/{repo}/check-runs", {
    ...check.repo,
    name: CHECK_RUN_NAME,
    head_sha: check.headSha,
    status: "completed",
    conclusion: check.conclusion,
    output: {
      title: check.title,
      // GitHub caps summary at 65535 characters; problems lists are short, but never let one break the report.
      summary: lines.join("\n").slice(0, 60_000),
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
