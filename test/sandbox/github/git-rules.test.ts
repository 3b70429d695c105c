/**
 * What GitHub enforces that the app's correctness depends on: `workflows` permission for `.github/workflows/`,
 * `expectedHeadOid`, no PR from a missing branch, one open PR per head, and empty repositories.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CREATE_COMMIT_MUTATION } from "../../../src/github/onboarding-pull-request.js";
import { workflowRefusal } from "../../../src/sandbox/github/index.js";
import { call, githubError, graphql, PERMISSIONS, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.github.close());

const WORKFLOW = ".github/workflows/ci.yml";

function commitInput(branch: string, expectedHeadOid: string, files: Record<string, string>) {
  return {
    input: {
      branch: { repositoryNameWithOwner: "acme/web", branchName: branch },
      expectedHeadOid,
      message: { headline: "Add files" },
      fileChanges: {
        additions: Object.entries(files).map(([path, text]) => ({
          path,
          contents: Buffer.from(text).toString("base64"),
        })),
      },
    },
  };
}

async function branch(setupState: Setup, name: string): Promise<string> {
  const head = setupState.github.repository("acme", "web").branches.main ?? "";
  const answer = await call(setupState.github, "POST", "/repos/acme/web/git/refs", {
    token: setupState.token,
    body: { ref: `refs/heads/${name}`, sha: head },
  });
  expect(answer.status).toBe(201);
  return head;
}

describe("createCommitOnBranch", () => {
  it("commits to an existing branch as the app, verified", async () => {
    const head = await branch(s, "feature");
    const answer = await graphql(
      s.github,
      s.token,
      CREATE_COMMIT_MUTATION,
      commitInput("feature", head, { "a.txt": "a\n" }),
    );
    expect(answer).toMatchObject({
      status: 200,
      body: { data: { createCommitOnBranch: { commit: { oid: expect.stringMatching(/^[0-9a-f]{40}$/) } } } },
    });
    const web = s.github.repository("acme", "web");
    expect(web.files("feature")["a.txt"]).toBe("a\n");
    expect(web.log("feature")[0]).toMatchObject({
      author: "test-app[bot]",
      verified: true,
      message: "Add files",
    });
  });

  it("refuses a branch that moved since expectedHeadOid (STALE_DATA, HTTP 200)", async () => {
    await branch(s, "feature");
    const stale = "0123456789abcdef0123456789abcdef01234567";
    const answer = await graphql(
      s.github,
      s.token,
      CREATE_COMMIT_MUTATION,
      commitInput("feature", stale, { "a.txt": "a\n" }),
    );
    expect(answer).toMatchObject({
      status: 200,
      body: {
        data: { createCommitOnBranch: null },
        errors: [
          {
            type: "STALE_DATA",
            path: ["createCommitOnBranch"],
            message: `Expected branch to point to "${stale}" but it did not.  Pull and try again.`,
          },
        ],
      },
    });
  });

  it("refuses a branch that does not exist", async () => {
    const head = s.github.repository("acme", "web").branches.main ?? "";
    const answer = await graphql(
      s.github,
      s.token,
      CREATE_COMMIT_MUTATION,
      commitInput("missing", head, { "a.txt": "a\n" }),
    );
    expect(answer.body).toMatchObject({
      data: { createCommitOnBranch: null },
      errors: [{ type: "NOT_FOUND" }],
    });
  });

  it("refuses a workflow file without the workflows permission, in GitHub's words", async () => {
    const limited = await setup({ permissions: { ...PERMISSIONS, workflows: "read" } });
    try {
      const head = await branch(limited, "feature");
      const answer = await graphql(
        limited.github,
        limited.token,
        CREATE_COMMIT_MUTATION,
        commitInput("feature", head, { [WORKFLOW]: "on: push\n" }),
      );
      expect(answer.body).toMatchObject({
        data: { createCommitOnBranch: null },
        errors: [{ type: "FORBIDDEN", message: workflowRefusal(WORKFLOW) }],
      });
      expect(workflowRefusal(WORKFLOW)).toBe(
        "refusing to allow a GitHub App to create or update workflow `.github/workflows/ci.yml` without `workflows` permission",
      );
      // Other files are fine with contents: write alone.
      const plain = await graphql(
        limited.github,
        limited.token,
        CREATE_COMMIT_MUTATION,
        commitInput("feature", head, { "a.txt": "a\n" }),
      );
      expect(plain.body).not.toHaveProperty("errors");
    } finally {
      await limited.github.close();
    }
  });

  it("allows a workflow file without the permission when the same file is already on another branch", async () => {
    const limited = await setup({ permissions: { ...PERMISSIONS, workflows: "read" } });
    try {
      limited.github.push({ owner: "acme", repo: "web", files: { [WORKFLOW]: "on: push\n" } });
      const head = await branch(limited, "feature");
      limited.github.push({ owner: "acme", repo: "web", branch: "feature", files: { [WORKFLOW]: null } });
      const moved = limited.github.repository("acme", "web").branches.feature ?? "";
      expect(moved).not.toBe(head);
      const answer = await graphql(
        limited.github,
        limited.token,
        CREATE_COMMIT_MUTATION,
        commitInput("feature", moved, { [WORKFLOW]: "on: push\n" }),
      );
      expect(answer.body).not.toHaveProperty("errors");
    } finally {
      await limited.github.close();
    }
  });
});

describe("pull requests", () => {
  it("cannot come from a branch that does not exist", async () => {
    const answer = await call(s.github, "POST", "/repos/acme/web/pulls", {
      token: s.token,
      body: { title: "t", head: "nope", base: "main" },
    });
    expect(answer).toMatchObject({
      status: 422,
      body: {
        ...githubError(422, "Validation Failed"),
        errors: [{ resource: "PullRequest", field: "head", code: "invalid" }],
      },
    });
  });

  it("are one open PR per head: the second is refused", async () => {
    const head = await branch(s, "feature");
    await graphql(
      s.github,
      s.token,
      CREATE_COMMIT_MUTATION,
      commitInput("feature", head, { "a.txt": "a\n" }),
    );
    const open = () =>
      call(s.github, "POST", "/repos/acme/web/pulls", {
        token: s.token,
        body: { title: "t", head: "feature", base: "main" },
      });
    expect(await open()).toMatchObject({
      status: 201,
      body: { number: 1, state: "open", head: { ref: "feature" } },
    });
    expect(await open()).toMatchObject({
      status: 422,
      body: {
        errors: [
          {
            resource: "PullRequest",
            code: "custom",
            message: "A pull request already exists for acme:feature.",
          },
        ],
      },
    });
  });

  it("need commits between base and head", async () => {
    await branch(s, "same");
    const answer = await call(s.github, "POST", "/repos/acme/web/pulls", {
      token: s.token,
      body: { title: "t", head: "same", base: "main" },
    });
    expect(answer).toMatchObject({
      status: 422,
      body: { errors: [{ message: "No commits between main and same" }] },
    });
  });
});

describe("an empty repository", () => {
  it("has no default-branch commit to read, branch from or commit to", async () => {
    const token = s.token;
    expect(await call(s.github, "GET", "/repos/acme/empty/contents/README.md", { token })).toMatchObject({
      status: 404,
      body: githubError(404, "This repository is empty."),
    });
    expect(await call(s.github, "GET", "/repos/acme/empty/commits", { token })).toMatchObject({
      status: 409,
      body: githubError(409, "Git Repository is empty."),
    });
    const ref = await call(s.github, "POST", "/repos/acme/empty/git/refs", {
      token,
      body: { ref: "refs/heads/x", sha: "0123456789abcdef0123456789abcdef01234567" },
    });
    expect(ref).toMatchObject({ status: 409, body: githubError(409, "Git Repository is empty.") });
  });

  it("reads as empty through GraphQL: no default branch ref, no root tree", async () => {
    const query = `query ($name: String!) {
      repository(owner: "acme", name: $name) {
        isEmpty
        defaultBranchRef { name }
        rootTree: object(expression: "HEAD:") { ... on Tree { entries { name } } }
      }
    }`;
    expect((await graphql(s.github, s.token, query, { name: "empty" })).body).toEqual({
      data: { repository: { isEmpty: true, defaultBranchRef: null, rootTree: null } },
    });
    expect((await graphql(s.github, s.token, query, { name: "web" })).body).toEqual({
      data: {
        repository: {
          isEmpty: false,
          defaultBranchRef: { name: "main" },
          rootTree: { entries: [{ name: "README.md" }, { name: "package.json" }] },
        },
      },
    });
  });
});
