/**
 * The onboarding PR's writes when another run got there first (a second replica, or a run that died after its
 * commit): the branch exists already, and whatever it carries decides whether a commit is still needed.
 */
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { openPullRequest } from "../../src/github/onboarding-pull-request.js";
import type { PullRequestSpec } from "../../src/github/pull-request-spec.js";

const repo = { owner: "acme", repo: "svc" };
const BASE = "a".repeat(40);
const THEIRS = "b".repeat(40);
const WORKFLOW = "name: JFrog OIDC\non: push\n";
const log = { info() {}, warn() {}, error() {}, debug() {} } as never;

const spec: PullRequestSpec = {
  branch: "jfrog-oidc/onboarding",
  base: { name: "main", oid: BASE },
  branchOid: null,
  branchUpToDate: false,
  path: ".github/workflows/jfrog-oidc.yml",
  content: WORKFLOW,
  commitMessage: "Add JFrog OIDC workflow",
  title: "Use JFrog OIDC",
  body: "body",
  labels: [],
  reviewers: [],
  teamReviewers: [],
  draft: false,
};

const octokit = () =>
  new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });

/** The branch exists already (422 to our create) and points at `head`. */
function branchTakenAt(head: string) {
  return nock("https://api.github.com")
    .post("/repos/acme/svc/git/refs", { ref: "refs/heads/jfrog-oidc/onboarding", sha: BASE })
    .reply(422, { message: "Reference already exists" })
    .get("/repos/acme/svc/git/ref/heads%2Fjfrog-oidc%2Fonboarding")
    .reply(200, { ref: "refs/heads/jfrog-oidc/onboarding", object: { sha: head, type: "commit" } });
}

function pullRequestOpened() {
  return nock("https://api.github.com")
    .post("/repos/acme/svc/pulls", (body) => body.head === "jfrog-oidc/onboarding" && body.base === "main")
    .reply(201, { number: 7, html_url: "https://github.com/acme/svc/pull/7" });
}

/** How GitHub answers a raw read of a file (Accept: application/vnd.github.raw): its bytes. */
const RAW = { "content-type": "application/vnd.github.raw; charset=utf-8" };

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
});

describe("opening the onboarding PR when another run created the branch since we looked", () => {
  it("does not commit again when the other run's commit already carries the workflow", async () => {
    branchTakenAt(THEIRS)
      .get("/repos/acme/svc/contents/.github%2Fworkflows%2Fjfrog-oidc.yml")
      .query({ ref: THEIRS })
      .reply(200, WORKFLOW, RAW);
    pullRequestOpened();
    // No GraphQL mock: a createCommitOnBranch here would fail the test (nock refuses unmatched requests).
    await expect(openPullRequest(octokit(), repo, spec, log)).resolves.toEqual({
      number: 7,
      url: "https://github.com/acme/svc/pull/7",
    });
  });

  it("commits on top of the other run's commit when its file differs", async () => {
    let expectedHead: string | undefined;
    branchTakenAt(THEIRS)
      .get("/repos/acme/svc/contents/.github%2Fworkflows%2Fjfrog-oidc.yml")
      .query({ ref: THEIRS })
      .reply(200, "name: older\n", RAW)
      .post("/graphql", (body) => {
        expectedHead = body.variables.input.expectedHeadOid;
        return true;
      })
      .reply(200, { data: { createCommitOnBranch: { commit: { oid: "c".repeat(40) } } } });
    pullRequestOpened();
    await openPullRequest(octokit(), repo, spec, log);
    expect(expectedHead).toBe(THEIRS);
  });

  it("commits when the branch it found still points at the base (the other run has not committed yet)", async () => {
    let expectedHead: string | undefined;
    branchTakenAt(BASE)
      .post("/graphql", (body) => {
        expectedHead = body.variables.input.expectedHeadOid;
        return true;
      })
      .reply(200, { data: { createCommitOnBranch: { commit: { oid: "c".repeat(40) } } } });
    pullRequestOpened();
    await openPullRequest(octokit(), repo, spec, log);
    expect(expectedHead).toBe(BASE);
  });
});
