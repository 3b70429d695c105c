/**
 * GraphQL reads against GitHub's real schema: repository facts, git objects by expression, refs, pull requests
 * and labels; connections with GitHub's paging rules; FORBIDDEN for a field the token may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, graphql, PERMISSIONS, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeAll(async () => {
  s = await setup();
  const head = s.github.repository("acme", "web").branches.main;
  await call(s.github, "POST", "/repos/acme/web/git/refs", {
    token: s.token,
    body: { ref: "refs/heads/feature", sha: head },
  });
  s.github.push({ owner: "acme", repo: "web", branch: "feature", files: { "src/app.ts": "export {};\n" } });
  await call(s.github, "POST", "/repos/acme/web/pulls", {
    token: s.token,
    body: { title: "Feature", head: "feature", base: "main" },
  });
  await call(s.github, "POST", "/repos/acme/web/labels", {
    token: s.token,
    body: { name: "keep", color: "00ff00" },
  });
});
afterAll(() => s.github.close());

const REPO = `query ($expr: String!) {
  repository(owner: "acme", name: "web") {
    databaseId nameWithOwner isArchived isFork isEmpty visibility
    owner { login ... on Organization { databaseId } }
    defaultBranchRef { name target { oid } }
    file: object(expression: $expr) { __typename ... on Blob { text byteSize } ... on Tree { entries { name type path } } }
    feature: ref(qualifiedName: "refs/heads/feature") { name target { ... on Commit { oid messageHeadline } } }
    label(name: "KEEP") { name color }
    pullRequests(headRefName: "feature", first: 10, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount nodes { number state url headRefName baseRefName }
    }
  }
}`;

describe("repository", () => {
  it("answers with the emulator's state", async () => {
    const web = s.github.repository("acme", "web");
    const answer = await graphql(s.github, s.token, REPO, { expr: "HEAD:README.md" });
    expect(answer.body).toEqual({
      data: {
        repository: {
          databaseId: web.id,
          nameWithOwner: "acme/web",
          isArchived: false,
          isFork: false,
          isEmpty: false,
          visibility: "PRIVATE",
          owner: { login: "acme", databaseId: web.ownerId },
          defaultBranchRef: { name: "main", target: { oid: web.branches.main } },
          file: { __typename: "Blob", text: "# web\n", byteSize: 6 },
          feature: {
            name: "feature",
            target: { oid: web.branches.feature, messageHeadline: "Update files" },
          },
          label: { name: "keep", color: "00ff00" },
          pullRequests: {
            totalCount: 1,
            nodes: [
              {
                number: 1,
                state: "OPEN",
                url: `${s.github.url}/acme/web/pull/1`,
                headRefName: "feature",
                baseRefName: "main",
              },
            ],
          },
        },
      },
    });
  });

  it.each([
    ["feature:src", { __typename: "Tree", entries: [{ name: "app.ts", type: "blob", path: "src/app.ts" }] }],
    ["refs/heads/feature:src/app.ts", { __typename: "Blob", text: "export {};\n", byteSize: 11 }],
    ["HEAD:src/app.ts", null],
    ["nope:README.md", null],
  ])("resolves the expression %s", async (expr, file) => {
    const answer = await graphql(s.github, s.token, REPO, { expr });
    expect((answer.body as { data: { repository: { file: unknown } } }).data.repository.file).toEqual(file);
  });
});

describe("connections", () => {
  it("need first or last, at most 100, like GitHub's", async () => {
    const none = await graphql(
      s.github,
      s.token,
      '{ repository(owner: "acme", name: "web") { pullRequests { totalCount } } }',
    );
    expect(none.body).toMatchObject({ errors: [{ type: "MISSING_PAGINATION_BOUNDARIES" }] });
    const many = await graphql(
      s.github,
      s.token,
      '{ repository(owner: "acme", name: "web") { pullRequests(first: 101) { totalCount } } }',
    );
    expect(many.body).toMatchObject({ errors: [{ type: "EXCESSIVE_PAGINATION" }] });
  });

  it("page an organization's repositories with cursors", async () => {
    const page = (after: string | null) =>
      graphql(
        s.github,
        s.token,
        'query ($after: String) { organization(login: "acme") { repositories(first: 1, after: $after) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } } }',
        { after },
      );
    type Page = {
      data: {
        organization: {
          repositories: {
            totalCount: number;
            nodes: Array<{ name: string }>;
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
    };
    const first = (await page(null)).body as Page;
    expect(first.data.organization.repositories).toMatchObject({
      totalCount: 2,
      nodes: [{ name: "web" }],
      pageInfo: { hasNextPage: true },
    });
    const second = (await page(first.data.organization.repositories.pageInfo.endCursor)).body as Page;
    expect(second.data.organization.repositories).toMatchObject({
      nodes: [{ name: "empty" }],
      pageInfo: { hasNextPage: false },
    });
  });
});

describe("permissions", () => {
  it("answer FORBIDDEN for a field the token may not read (a non-null field nulls its parent)", async () => {
    const noPulls = await setup({ permissions: { ...PERMISSIONS, pull_requests: "read" } });
    const contentsOnly = await setup({ permissions: { metadata: "read", contents: "read" } });
    try {
      const query =
        '{ repository(owner: "acme", name: "web") { name pullRequests(first: 1) { totalCount } } }';
      expect((await graphql(noPulls.github, noPulls.token, query)).body).toEqual({
        data: { repository: { name: "web", pullRequests: { totalCount: 0 } } },
      });
      expect((await graphql(contentsOnly.github, contentsOnly.token, query)).body).toMatchObject({
        data: { repository: null },
        errors: [
          {
            type: "FORBIDDEN",
            path: ["repository", "pullRequests"],
            message: "Resource not accessible by integration",
          },
        ],
      });
    } finally {
      await Promise.all([noPulls.github.close(), contentsOnly.github.close()]);
    }
  });
});
