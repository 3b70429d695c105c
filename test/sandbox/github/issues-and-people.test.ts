/**
 * The routes slash-commands use: comments and 👀 reactions, labels, a user's permission on a repository and
 * their org membership.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, githubError, type Setup, setup } from "./helpers.js";

let s: Setup;
let pull: number;
beforeAll(async () => {
  s = await setup();
  s.github.addCollaborator("acme", "web", "carol", "write");
  s.github.addCollaborator("acme", "web", "lead", "maintain");
  s.github.addCollaborator("acme", "web", "triager", "triage");
  s.github.addUser("dave");
  s.github.push({ owner: "acme", repo: "web", branch: "feature", files: { "a.txt": "a\n" } });
  const opened = await call(s.github, "POST", "/repos/acme/web/pulls", {
    token: s.token,
    body: { title: "Feature", head: "feature", base: "main" },
  });
  pull = (opened.body as { number: number }).number;
});
afterAll(() => s.github.close());

describe("comments and reactions", () => {
  it("comments on a PR as the app and reacts once per content", async () => {
    const commentId = s.github.comment("acme", "web", pull, "/jfrog-oidc status", "mona");
    const react = () =>
      call(s.github, "POST", `/repos/acme/web/issues/comments/${commentId}/reactions`, {
        token: s.token,
        body: { content: "eyes" },
      });
    expect(await react()).toMatchObject({
      status: 201,
      body: { content: "eyes", user: { login: "test-app[bot]" } },
    });
    expect(await react()).toMatchObject({ status: 200, body: { content: "eyes" } });
    const reply = await call(s.github, "POST", `/repos/acme/web/issues/${pull}/comments`, {
      token: s.token,
      body: { body: "All good" },
    });
    expect(reply).toMatchObject({
      status: 201,
      body: { body: "All good", user: { login: "test-app[bot]", type: "Bot" } },
    });
    expect(s.github.repository("acme", "web").comments).toEqual([
      {
        id: commentId,
        issue: pull,
        body: "/jfrog-oidc status",
        author: "mona",
        reactions: [{ content: "eyes", user: "test-app[bot]" }],
      },
      expect.objectContaining({ issue: pull, body: "All good", author: "test-app[bot]" }),
    ]);
  });

  it("refuses an unknown reaction and a comment that does not exist", async () => {
    const [comment] = s.github.repository("acme", "web").comments;
    const bad = await call(s.github, "POST", `/repos/acme/web/issues/comments/${comment?.id}/reactions`, {
      token: s.token,
      body: { content: "thumbsup" },
    });
    expect(bad).toMatchObject({
      status: 422,
      body: { errors: [{ resource: "Reaction", field: "content", code: "invalid" }] },
    });
    const missing = await call(s.github, "POST", "/repos/acme/web/issues/comments/1/reactions", {
      token: s.token,
      body: { content: "eyes" },
    });
    expect(missing.status).toBe(404);
  });

  it("keeps a person's reaction apart from the app's, as GitHub does (one per user and content)", async () => {
    const commentId = s.github.comment("acme", "web", pull, "/jfrog-oidc plan", "mona");
    s.github.react("acme", "web", commentId, "eyes", "mona");
    s.github.react("acme", "web", commentId, "eyes", "mona");
    const appReaction = await call(
      s.github,
      "POST",
      `/repos/acme/web/issues/comments/${commentId}/reactions`,
      {
        token: s.token,
        body: { content: "eyes" },
      },
    );
    expect(appReaction.status).toBe(201);
    const comment = s.github.repository("acme", "web").comments.find((c) => c.id === commentId);
    expect(comment?.reactions).toEqual([
      { content: "eyes", user: "mona" },
      { content: "eyes", user: "test-app[bot]" },
    ]);
  });
});

describe("labels", () => {
  it("are created, found case-insensitively, refused twice and deleted from issues too", async () => {
    const create = () =>
      call(s.github, "POST", "/repos/acme/web/labels", {
        token: s.token,
        body: { name: "jfrog-oidc: disabled", color: "b60205", description: "off" },
      });
    expect(await create()).toMatchObject({
      status: 201,
      body: { name: "jfrog-oidc: disabled", color: "b60205" },
    });
    expect(await create()).toMatchObject({
      status: 422,
      body: { errors: [{ resource: "Label", code: "already_exists", field: "name" }] },
    });
    const name = encodeURIComponent("JFROG-OIDC: DISABLED");
    expect((await call(s.github, "GET", `/repos/acme/web/labels/${name}`, { token: s.token })).status).toBe(
      200,
    );

    const added = await call(s.github, "POST", `/repos/acme/web/issues/${pull}/labels`, {
      token: s.token,
      body: { labels: ["jfrog-oidc: disabled", "new-one"] },
    });
    expect((added.body as Array<{ name: string }>).map((l) => l.name)).toEqual([
      "jfrog-oidc: disabled",
      "new-one",
    ]);

    expect(
      await call(s.github, "DELETE", `/repos/acme/web/labels/${name}`, { token: s.token }),
    ).toMatchObject({ status: 204 });
    expect(s.github.repository("acme", "web").pulls[0]?.labels).toEqual(["new-one"]);
    expect(
      (await call(s.github, "DELETE", `/repos/acme/web/labels/${name}`, { token: s.token })).status,
    ).toBe(404);
  });
});

describe("plain issues", () => {
  it("share the number sequence with pull requests and take comments and replies", async () => {
    const number = s.github.openIssue("acme", "web", { title: "Disable JFrog here?" }, "mona");
    expect(number).toBe(pull + 1);
    const answer = await call(s.github, "GET", `/repos/acme/web/issues/${number}`, { token: s.token });
    expect(answer).toMatchObject({
      status: 200,
      body: { number, title: "Disable JFrog here?", state: "open", user: { login: "mona" } },
    });
    expect((answer.body as { pull_request?: unknown }).pull_request).toBeUndefined();

    const commentId = s.github.comment("acme", "web", number, "/jfrog-oidc help", "mona");
    const reply = await call(s.github, "POST", `/repos/acme/web/issues/${number}/comments`, {
      token: s.token,
      body: { body: "Here is the help" },
    });
    expect(reply.status).toBe(201);
    const comments = s.github.repository("acme", "web").comments.filter((c) => c.issue === number);
    expect(comments.map((c) => [c.id === commentId, c.author])).toEqual([
      [true, "mona"],
      [false, "test-app[bot]"],
    ]);
    expect(s.github.repository("acme", "web").pulls.map((p) => p.number)).toEqual([pull]);
  });
});

describe("people", () => {
  it.each([
    ["octocat", "admin", "admin"],
    ["lead", "write", "maintain"],
    ["carol", "write", "write"],
    ["triager", "read", "triage"],
    ["mona", "read", "read"],
    ["dave", "none", "none"],
  ])("%s has %s permission (role %s) on acme/web", async (user, permission, role) => {
    const answer = await call(s.github, "GET", `/repos/acme/web/collaborators/${user}/permission`, {
      token: s.token,
    });
    expect(answer).toMatchObject({
      status: 200,
      body: { permission, role_name: role, user: { login: user } },
    });
  });

  it("answers 404 for a user who does not exist", async () => {
    const answer = await call(s.github, "GET", "/repos/acme/web/collaborators/nobody/permission", {
      token: s.token,
    });
    expect(answer).toMatchObject({ status: 404, body: githubError(404, "Not Found") });
  });

  it.each([
    ["octocat", 200, "admin"],
    ["mona", 200, "member"],
    ["dave", 404, undefined],
  ])("org membership of %s: %s", async (user, status, role) => {
    const answer = await call(s.github, "GET", `/orgs/acme/memberships/${user}`, { token: s.token });
    expect(answer.status).toBe(status);
    if (role) expect(answer.body).toMatchObject({ state: "active", role, organization: { login: "acme" } });
  });
});
