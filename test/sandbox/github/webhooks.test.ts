/**
 * Webhooks as GitHub sends them: signed with the webhook secret, with GitHub's headers, only for subscribed
 * events, logged with their status, listed and redelivered through the app's REST endpoints.
 */
import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../../../src/sandbox/shared/http.js";
import { type RunningServer, startHttpServer } from "../../../src/sandbox/shared/server.js";
import { appJwt, call, type Setup, setup } from "./helpers.js";

const SECRET = "webhook-secret-for-tests";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let s: Setup;
let receiver: RunningServer;
let received: Received[];
let answerStatus: number;

beforeEach(async () => {
  received = [];
  answerStatus = 200;
  receiver = await startHttpServer(async (req, res) => {
    const body = await readBody(req, 10_000_000);
    received.push({ headers: req.headers, body: body.ok ? body.text : "" });
    res.writeHead(answerStatus).end("ok");
  });
  s = await setup({ events: ["repository", "push", "issues", "issue_comment"] });
  s.github.webhooks.target = { url: `${receiver.url}/hook`, secret: SECRET };
});
afterEach(async () => {
  await s.github.close();
  await receiver.close();
});

describe("deliveries", () => {
  it("are signed with the secret and carry GitHub's headers", async () => {
    s.github.createRepository({ owner: "acme", name: "new", files: { "a.txt": "a\n" } });
    await s.github.webhooks.idle();

    expect(received).toHaveLength(1);
    const [delivery] = received;
    const expected = `sha256=${createHmac("sha256", SECRET)
      .update(delivery?.body ?? "")
      .digest("hex")}`;
    expect(delivery?.headers).toMatchObject({
      "x-github-event": "repository",
      "x-github-delivery": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "x-hub-signature-256": expected,
      "x-github-hook-installation-target-type": "integration",
      "content-type": "application/json",
    });
    const payload = JSON.parse(delivery?.body ?? "{}");
    const repo = s.github.repository("acme", "new");
    expect(payload).toMatchObject({
      action: "created",
      repository: {
        id: repo.id,
        full_name: "acme/new",
        default_branch: "main",
        owner: { login: "acme", type: "Organization" },
      },
      organization: { login: "acme" },
      installation: { id: s.installationId },
      sender: { login: "octocat", type: "User" },
    });
    expect(payload.repository.url).toBe(`${s.github.apiUrl}/repos/acme/new`);
  });

  it("go out only for events the installation subscribes to", async () => {
    const quiet = await setup({ events: ["push"] });
    try {
      quiet.github.webhooks.target = { url: `${receiver.url}/hook`, secret: SECRET };
      quiet.github.createRepository({ owner: "acme", name: "new" });
      await quiet.github.webhooks.idle();
      expect(received).toEqual([]);
    } finally {
      await quiet.github.close();
    }
  });

  it("announce the app's own writes, sent by its bot (a push for a new branch)", async () => {
    const head = s.github.repository("acme", "web").branches.main;
    await call(s.github, "POST", "/repos/acme/web/git/refs", {
      token: s.token,
      body: { ref: "refs/heads/x", sha: head },
    });
    await s.github.webhooks.idle();
    const push = JSON.parse(received.at(-1)?.body ?? "{}");
    expect(push).toMatchObject({
      ref: "refs/heads/x",
      created: true,
      after: head,
      commits: [],
      sender: { login: "test-app[bot]", type: "Bot" },
    });
  });

  it("describe the files each pushed commit adds, modifies and removes", async () => {
    s.github.push({
      owner: "acme",
      repo: "web",
      files: { "new.txt": "n\n", "README.md": "# changed\n", "package.json": null },
    });
    await s.github.webhooks.idle();
    const push = JSON.parse(received.at(-1)?.body ?? "{}");
    expect(push.commits).toEqual([
      expect.objectContaining({ added: ["new.txt"], modified: ["README.md"], removed: ["package.json"] }),
    ]);
    expect(push.head_commit.id).toBe(s.github.repository("acme", "web").branches.main);
  });

  it("leave out a push a test makes without announcing it (a change the app missed), which still lands", async () => {
    const before = received.length;
    const oid = s.github.push({ owner: "acme", repo: "web", files: { "quiet.txt": "q\n" }, announce: false });
    await s.github.webhooks.idle();
    expect(received).toHaveLength(before);
    expect(s.github.repository("acme", "web").branches.main).toBe(oid);
    expect(s.github.repository("acme", "web").files()["quiet.txt"]).toBe("q\n");
  });
});

describe("issues and comments", () => {
  const payloads = () => received.map((r) => JSON.parse(r.body));

  it("announce a new issue, and a comment created, edited and deleted by a person", async () => {
    const number = s.github.openIssue("acme", "web", { title: "Help", body: "How?" }, "mona");
    const id = s.github.comment("acme", "web", number, "/jfrog-oidc status", "mona");
    s.github.editComment("acme", "web", id, "/jfrog-oidc disable", "mona");
    s.github.deleteComment("acme", "web", id, "octocat");
    await s.github.webhooks.idle();

    expect(received.map((r) => r.headers["x-github-event"])).toEqual([
      "issues",
      "issue_comment",
      "issue_comment",
      "issue_comment",
    ]);
    const [opened, created, edited, deleted] = payloads();
    expect(opened).toMatchObject({
      action: "opened",
      issue: { number, title: "Help", body: "How?", state: "open", user: { login: "mona" } },
      sender: { login: "mona", type: "User" },
    });
    expect(opened.issue.pull_request).toBeUndefined();
    expect(created).toMatchObject({
      action: "created",
      issue: { number },
      comment: { id, body: "/jfrog-oidc status", user: { login: "mona", type: "User" } },
      installation: { id: s.installationId },
    });
    expect(edited).toMatchObject({
      action: "edited",
      changes: { body: { from: "/jfrog-oidc status" } },
      comment: { id, body: "/jfrog-oidc disable" },
    });
    expect(deleted).toMatchObject({ action: "deleted", comment: { id }, sender: { login: "octocat" } });
    expect(s.github.repository("acme", "web").comments).toEqual([]);
  });

  it("show a bot's comment as a bot's, on a pull request as an issue with a pull_request link", async () => {
    s.github.push({ owner: "acme", repo: "web", branch: "feature", files: { "a.txt": "a\n" } });
    const opened = await call(s.github, "POST", "/repos/acme/web/pulls", {
      token: s.token,
      body: { title: "Feature", head: "feature", base: "main" },
    });
    const number = (opened.body as { number: number }).number;
    await s.github.webhooks.idle();
    received = [];
    s.github.comment("acme", "web", number, "/jfrog-oidc disable", "renovate[bot]");
    await s.github.webhooks.idle();
    expect(payloads()).toMatchObject([
      {
        action: "created",
        issue: { number, pull_request: { url: `${s.github.apiUrl}/repos/acme/web/pulls/${number}` } },
        comment: { user: { login: "renovate[bot]", type: "Bot" } },
        sender: { login: "renovate[bot]", type: "Bot" },
      },
    ]);
  });

  it("refuse to edit or delete a comment that does not exist", () => {
    expect(() => s.github.editComment("acme", "web", 1, "x")).toThrow("no comment 1");
    expect(() => s.github.deleteComment("acme", "web", 1)).toThrow("no comment 1");
  });
});

describe("the delivery log", () => {
  it("records failures, lists them to the app and redelivers with the same GUID", async () => {
    answerStatus = 500;
    s.github.createRepository({ owner: "acme", name: "new" });
    await s.github.webhooks.idle();
    const jwt = await appJwt();

    const list = await call(s.github, "GET", "/app/hook/deliveries", { token: jwt });
    expect(list).toMatchObject({
      status: 200,
      body: [
        {
          id: 1,
          event: "repository",
          action: "created",
          status: "Invalid HTTP Response: 500",
          status_code: 500,
          redelivery: false,
        },
      ],
    });
    const [first] = list.body as Array<{ id: number; guid: string }>;
    const one = await call(s.github, "GET", `/app/hook/deliveries/${first?.id}`, { token: jwt });
    expect(one).toMatchObject({
      status: 200,
      body: { request: { headers: { "x-github-event": "repository" } }, response: { payload: "ok" } },
    });

    answerStatus = 200;
    expect(
      await call(s.github, "POST", `/app/hook/deliveries/${first?.id}/attempts`, { token: jwt }),
    ).toMatchObject({ status: 202 });
    await s.github.webhooks.idle();
    expect(s.github.webhooks.deliveries.at(-1)).toMatchObject({
      guid: first?.guid,
      redelivery: true,
      status: "OK",
    });
    expect(received.map((r) => r.headers["x-github-delivery"])).toEqual([first?.guid, first?.guid]);
    expect((await call(s.github, "GET", "/app/hook/deliveries", { token: s.token })).status).toBe(401);
    expect((await call(s.github, "POST", "/app/hook/deliveries/99/attempts", { token: jwt })).status).toBe(
      404,
    );
  });

  it("records a delivery nobody received", async () => {
    s.github.webhooks.target = { url: "http://127.0.0.1:9/hook", secret: SECRET };
    s.github.createRepository({ owner: "acme", name: "new" });
    await s.github.webhooks.idle();
    expect(s.github.webhooks.deliveries[0]).toMatchObject({
      status: "failed to connect to host",
      statusCode: 0,
    });
  });
});
