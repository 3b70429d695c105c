/**
 * Two runs commit the onboarding workflow at once: the second one's createCommitOnBranch names a head the branch
 * has moved past, and GitHub refuses it (STALE_DATA). When the branch already holds exactly the file this run
 * wanted to commit, its commit step is done and the PR goes on; anything else fails the job, to be planned again.
 */
import { afterEach, describe, expect, it } from "vitest";
import { openPullRequest } from "../../src/github/onboarding-pull-request.js";
import type { PullRequestSpec } from "../../src/github/pull-request-spec.js";
import { quietLog } from "../support/quiet-log.js";
import { ONBOARDING_BRANCH, ORG, type OrgEmulator, orgEmulator, WORKFLOW_PATH } from "./org-emulator.js";

const WORKFLOW = "name: JFrog OIDC\non: push\n";
let emulator: OrgEmulator | undefined;

afterEach(async () => {
  await emulator?.github.close();
  emulator = undefined;
});

/** The branch as this run observed it (no workflow yet), then another run's commit of `theirs` on top. */
async function raced(theirs: string) {
  emulator = await orgEmulator((github) =>
    github.createRepository({ owner: ORG, name: "web", files: { "README.md": "# web\n" } }),
  );
  const { github } = emulator;
  const observed = github.push({
    owner: ORG,
    repo: "web",
    branch: ONBOARDING_BRANCH,
    files: { "a.txt": "a\n" },
  });
  const theirsOid = github.push({
    owner: ORG,
    repo: "web",
    branch: ONBOARDING_BRANCH,
    files: { [WORKFLOW_PATH]: theirs },
  });
  const main = github.repository(ORG, "web").branches.main as string;
  const pr: PullRequestSpec = {
    branch: ONBOARDING_BRANCH,
    base: { name: "main", oid: main },
    branchOid: observed,
    branchUpToDate: false,
    path: WORKFLOW_PATH,
    content: WORKFLOW,
    commitMessage: "Add JFrog OIDC workflow",
    title: "Add JFrog OIDC",
    body: "body",
    labels: [],
    reviewers: [],
    teamReviewers: [],
    draft: false,
  };
  return { github, pr, theirsOid, octokit: emulator.octokit };
}

describe("the onboarding commit loses the race for the branch head", () => {
  it("goes on with the PR when the branch already holds the identical file", async () => {
    const { github, pr, theirsOid, octokit } = await raced(WORKFLOW);

    const opened = await openPullRequest(octokit, { owner: ORG, repo: "web" }, pr, quietLog());

    const repo = github.repository(ORG, "web");
    expect(repo.branches[ONBOARDING_BRANCH]).toBe(theirsOid);
    expect(repo.pulls.map((p) => ({ number: p.number, head: p.head, state: p.state }))).toEqual([
      { number: opened.number, head: ONBOARDING_BRANCH, state: "open" },
    ]);
  });

  it("fails the job when the branch holds something else, and opens no PR", async () => {
    const { github, pr, theirsOid, octokit } = await raced("name: hand-edited\non: push\n");

    await expect(openPullRequest(octokit, { owner: ORG, repo: "web" }, pr, quietLog())).rejects.toMatchObject(
      {
        errors: [expect.objectContaining({ type: "STALE_DATA" })],
      },
    );
    const repo = github.repository(ORG, "web");
    expect(repo.branches[ONBOARDING_BRANCH]).toBe(theirsOid);
    expect(repo.pulls).toEqual([]);
  });
});
