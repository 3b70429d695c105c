/**
 * GitHub reads and writes for the workflow fix PR: its past PRs (one read), and the writes of one open or update:
 * the fix branch pointed at the default branch's head (created, or force-moved: the fix is recomputed from the
 * head each time, so the branch never carries a stale edit), one commit with the fixed files, then the PR opened
 * or its body refreshed. Each write tolerates having been done already, so a re-run leaves one branch and one PR.
 *
 * Writing under `.github/workflows/` needs the app's `workflows: write` permission on top of `contents: write`.
 */
import type { ProbotOctokit } from "probot";
import { CREATE_COMMIT_MUTATION } from "./onboarding-pull-request.js";
import { httpStatus, type RepoRef } from "./rest.js";

export interface FixPullRequestFacts {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  body: string;
}

export interface FixPullRequestSpec {
  branch: string;
  base: { name: string; oid: string };
  /** The fixed files, by path: the whole new text of each. */
  files: ReadonlyArray<{ path: string; content: string }>;
  commitMessage: string;
  title: string;
  body: string;
}

/** The fix branch's pull requests of this repository (not forks'), newest first. */
export async function listFixPullRequests(
  octokit: ProbotOctokit,
  repo: RepoRef,
  branch: string,
): Promise<FixPullRequestFacts[]> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
    ...repo,
    head: `${repo.owner}:${branch}`,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 10,
  });
  return data.map((pr) => ({
    number: pr.number,
    state: pr.state === "open" ? "open" : "closed",
    merged: pr.merged_at !== null,
    body: pr.body ?? "",
  }));
}

/** Writes: 1 (branch) + 1 (commit) + 1 (PR). */
export async function openFixPullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  spec: FixPullRequestSpec,
): Promise<number> {
  await pointBranchAt(octokit, repo, spec.branch, spec.base.oid);
  await commitFiles(octokit, repo, spec);
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/pulls", {
    ...repo,
    title: spec.title,
    head: spec.branch,
    base: spec.base.name,
    body: spec.body,
  });
  return data.number;
}

/** Writes: 1 (branch moved to the head) + 1 (commit) + 1 (body). The PR keeps its number, reviews and thread. */
export async function updateFixPullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  number: number,
  spec: FixPullRequestSpec,
): Promise<void> {
  await pointBranchAt(octokit, repo, spec.branch, spec.base.oid);
  await commitFiles(octokit, repo, spec);
  await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
    ...repo,
    pull_number: number,
    body: spec.body,
  });
}

/** Writes: 1 (comment) + 1 (close). */
export async function closeFixPullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  number: number,
  reason: string,
): Promise<void> {
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    ...repo,
    issue_number: number,
    body: `Closing: ${reason}.`,
  });
  await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
    ...repo,
    pull_number: number,
    state: "closed",
  });
}

/**
 * The branch at `sha`: created, or moved there with `force` (https://docs.github.com/rest/git/refs#update-a-reference)
 * since the fix is recomputed from the default branch's head and replaces whatever the branch held. One write.
 */
async function pointBranchAt(
  octokit: ProbotOctokit,
  repo: RepoRef,
  branch: string,
  sha: string,
): Promise<void> {
  const exists = await octokit
    .request("GET /repos/{owner}/{repo}/git/ref/{ref}", { ...repo, ref: `heads/${branch}` })
    .then(
      () => true,
      (error: unknown) => {
        if (httpStatus(error) === 404) return false;
        throw error;
      },
    );
  if (exists)
    await octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", {
      ...repo,
      ref: `heads/${branch}`,
      sha,
      force: true,
    });
  else
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", {
      ...repo,
      ref: `refs/heads/${branch}`,
      sha,
    });
}

/** createCommitOnBranch on the branch just pointed at the head (expectedHeadOid: refused if it moved since). */
async function commitFiles(octokit: ProbotOctokit, repo: RepoRef, spec: FixPullRequestSpec): Promise<void> {
  await octokit.graphql(CREATE_COMMIT_MUTATION, {
    input: {
      branch: { repositoryNameWithOwner: `${repo.owner}/${repo.repo}`, branchName: spec.branch },
      expectedHeadOid: spec.base.oid,
      message: { headline: spec.commitMessage },
      fileChanges: {
        additions: spec.files.map((f) => ({
          path: f.path,
          contents: Buffer.from(f.content).toString("base64"),
        })),
      },
    },
  });
}
