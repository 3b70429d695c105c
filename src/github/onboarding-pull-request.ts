/**
 * GitHub writes for the onboarding PR: branch, one commit adding the workflow file, the PR itself.
 * Each step tolerates having been done already (by an earlier run or another replica), so running twice
 * leaves one branch and one PR.
 *
 * Writing under `.github/workflows/` needs the app's `workflows: write` permission on top of `contents: write`.
 */
import type { ProbotOctokit } from "probot";
import type { JobLogger } from "../logger.js";
import { hasGraphqlErrorType } from "./graphql-errors.js";
import type { PullRequestDecoration, PullRequestSpec } from "./pull-request-spec.js";
import { httpStatus, type RepoRef } from "./rest.js";

export const CREATE_COMMIT_MUTATION = /* GraphQL */ `
  mutation AddWorkflowFile($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) {
      commit {
        oid
      }
    }
  }
`;

export async function openPullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pr: PullRequestSpec,
  log: JobLogger,
): Promise<{ number: number; url: string }> {
  let branchOid = pr.branchOid;
  let committed = pr.branchUpToDate;
  if (!branchOid) {
    branchOid = await createBranch(octokit, repo, pr.branch, pr.base.oid);
    // The branch was created by another run (a replica, or a run that died after its commit) since we looked: if
    // that run's commit is there, committing again on top of it would add a second, identical commit.
    if (branchOid !== pr.base.oid)
      committed = (await fileOnBranch(octokit, repo, pr, branchOid)) === pr.content;
  }
  if (!committed) await commitWorkflow(octokit, repo, pr, branchOid);
  const created = await createPullRequest(octokit, repo, pr);
  await decoratePullRequest(octokit, repo, created.number, pr, log);
  return created;
}

export async function updatePullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  number: number,
  pr: PullRequestSpec,
): Promise<void> {
  if (!pr.branchOid) throw new Error(`onboarding branch ${pr.branch} vanished while PR #${number} is open`);
  await commitWorkflow(octokit, repo, pr, pr.branchOid);
  await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
    ...repo,
    pull_number: number,
    body: pr.body,
  });
}

export async function closePullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  number: number,
  reason: string,
  mappingRemoved: boolean,
): Promise<void> {
  const mapping = mappingRemoved ? " This app's JFrog identity mapping for this repository was removed." : "";
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    ...repo,
    issue_number: number,
    body: `Closing: ${reason}.${mapping}`,
  });
  await octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
    ...repo,
    pull_number: number,
    state: "closed",
  });
}

async function createBranch(
  octokit: ProbotOctokit,
  repo: RepoRef,
  branch: string,
  sha: string,
): Promise<string> {
  try {
    await octokit.request("POST /repos/{owner}/{repo}/git/refs", {
      ...repo,
      ref: `refs/heads/${branch}`,
      sha,
    });
    return sha;
  } catch (error) {
    // Another run created it first: carry on from wherever it points.
    if (httpStatus(error) !== 422) throw error;
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...repo,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  }
}

/**
 * createCommitOnBranch: a verified commit, refused with STALE_DATA if the branch moved since we looked
 * (expectedHeadOid). Another run (or replica) that committed the very same file has done this step: only a branch
 * that holds something else fails the job, to be planned again from a fresh observation.
 */
async function commitWorkflow(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pr: PullRequestSpec,
  expectedHeadOid: string,
): Promise<void> {
  try {
    await octokit.graphql(CREATE_COMMIT_MUTATION, {
      input: {
        branch: { repositoryNameWithOwner: `${repo.owner}/${repo.repo}`, branchName: pr.branch },
        expectedHeadOid,
        message: { headline: pr.commitMessage },
        fileChanges: { additions: [{ path: pr.path, contents: Buffer.from(pr.content).toString("base64") }] },
      },
    });
  } catch (error) {
    if (
      !hasGraphqlErrorType(error, "STALE_DATA") ||
      (await fileOnBranch(octokit, repo, pr, pr.branch)) !== pr.content
    )
      throw error;
  }
}

/** The workflow file as `ref` (the onboarding branch, or one commit of it) holds it, or null when it does not. */
async function fileOnBranch(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pr: PullRequestSpec,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...repo,
      path: pr.path,
      ref,
      mediaType: { format: "raw" },
    });
    return typeof data === "string" ? data : null;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}

async function createPullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  pr: PullRequestSpec,
): Promise<{ number: number; url: string }> {
  try {
    const { data } = await octokit.request("POST /repos/{owner}/{repo}/pulls", {
      ...repo,
      title: pr.title,
      head: pr.branch,
      base: pr.base.name,
      body: pr.body,
      draft: pr.draft,
    });
    return { number: data.number, url: data.html_url };
  } catch (error) {
    // "A pull request already exists": another run opened it; report that one.
    if (httpStatus(error) !== 422) throw error;
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
      ...repo,
      head: `${repo.owner}:${pr.branch}`,
      state: "open",
    });
    const existing = data[0];
    if (!existing) throw error;
    return { number: existing.number, url: existing.html_url };
  }
}

/**
 * Labels and reviewers are courtesy: a reviewer who is not a collaborator (422) must not fail the onboarding.
 * Any other failure fails the job, and the next run adds what is still missing (see plan's decorate action).
 */
export async function decoratePullRequest(
  octokit: ProbotOctokit,
  repo: RepoRef,
  number: number,
  pr: PullRequestDecoration,
  log: JobLogger,
): Promise<void> {
  try {
    if (pr.labels.length > 0)
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", {
        ...repo,
        issue_number: number,
        labels: pr.labels,
      });
    if (pr.reviewers.length > 0 || pr.teamReviewers.length > 0)
      await octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", {
        ...repo,
        pull_number: number,
        reviewers: pr.reviewers,
        team_reviewers: pr.teamReviewers,
      });
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
    log.warn(
      { pullRequest: number, status: 422 },
      "could not add the policy's labels or reviewers to the PR",
    );
  }
}
