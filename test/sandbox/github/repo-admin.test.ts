/**
 * An admin's changes to a repository itself (rename, archive, default branch, delete) and its removal from the
 * installation: the API shows the change, and the app gets the webhook GitHub sends for it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBody } from "../../../src/sandbox/shared/http.js";
import { type RunningServer, startHttpServer } from "../../../src/sandbox/shared/server.js";
import { call, type Setup, setup } from "./helpers.js";

let s: Setup;
let receiver: RunningServer;
let received: Array<{ event: string; payload: Record<string, unknown> }>;

beforeEach(async () => {
  received = [];
  receiver = await startHttpServer(async (req, res) => {
    const body = await readBody(req, 10_000_000);
    received.push({
      event: String(req.headers["x-github-event"]),
      payload: JSON.parse(body.ok ? body.text : "{}"),
    });
    res.writeHead(200).end("ok");
  });
  s = await setup({ events: ["repository", "push"] });
  s.github.webhooks.target = { url: `${receiver.url}/hook`, secret: "secret" };
});
afterEach(async () => {
  await s.github.close();
  await receiver.close();
});

const delivered = async () => {
  await s.github.webhooks.idle();
  return received.map((r) => ({
    event: r.event,
    action: r.payload.action,
    changes: r.payload.changes,
    repository: (r.payload.repository as { full_name?: string } | undefined)?.full_name,
  }));
};

describe("a repository admin", () => {
  it("renames: the old name is gone, the id stays, and repository.renamed names the old one", async () => {
    const id = s.github.repository("acme", "web").id;
    s.github.renameRepository("acme", "web", "site", "octocat");
    expect(s.github.repository("acme", "site").id).toBe(id);
    expect((await call(s.github, "GET", "/repos/acme/web", { token: s.token })).status).toBe(404);
    expect((await call(s.github, "GET", "/repos/acme/site", { token: s.token })).body).toMatchObject({ id });
    expect(await delivered()).toEqual([
      {
        event: "repository",
        action: "renamed",
        changes: { repository: { name: { from: "web" } } },
        repository: "acme/site",
      },
    ]);
  });

  it("archives: the repository reads as archived and repository.archived is sent", async () => {
    s.github.archiveRepository("acme", "web");
    const read = await call(s.github, "GET", "/repos/acme/web", { token: s.token });
    expect(read.body).toMatchObject({ archived: true });
    expect(await delivered()).toEqual([
      { event: "repository", action: "archived", changes: undefined, repository: "acme/web" },
    ]);
  });

  it("changes the default branch to an existing one: repository.edited carries the old one", async () => {
    s.github.push({ owner: "acme", repo: "web", branch: "trunk", files: { "a.txt": "a\n" } });
    await s.github.webhooks.idle();
    received = [];
    s.github.setDefaultBranch("acme", "web", "trunk");
    expect(s.github.repository("acme", "web").defaultBranch).toBe("trunk");
    expect(await delivered()).toEqual([
      {
        event: "repository",
        action: "edited",
        changes: { default_branch: { from: "main" } },
        repository: "acme/web",
      },
    ]);
    expect(() => s.github.setDefaultBranch("acme", "web", "nope")).toThrow(/no branch nope/);
  });

  it("deletes: gone from the API and the installation's listing, and a new one may take the name", async () => {
    const old = s.github.repository("acme", "web").id;
    s.github.deleteRepository("acme", "web");
    expect((await call(s.github, "GET", "/repos/acme/web", { token: s.token })).status).toBe(404);
    const listed = await call(s.github, "GET", "/installation/repositories", { token: s.token });
    expect(
      (listed.body as { repositories: Array<{ name: string }> }).repositories.map((r) => r.name),
    ).not.toContain("web");
    expect(await delivered()).toEqual([
      { event: "repository", action: "deleted", changes: undefined, repository: "acme/web" },
    ]);
    expect(s.github.createRepository({ owner: "acme", name: "web", announce: false }).id).not.toBe(old);
  });
});

describe("an org owner removing a repository from the installation", () => {
  it("hides it from the installation's token and sends installation_repositories.removed", async () => {
    s.github.removeFromInstallation("acme", "web");
    const token = s.github.installationToken(s.installationId);
    expect((await call(s.github, "GET", "/repos/acme/web", { token })).status).toBe(404);
    expect((await call(s.github, "GET", "/repos/acme/empty", { token })).status).toBe(200);
    await s.github.webhooks.idle();
    const [removed] = received;
    expect(removed?.event).toBe("installation_repositories");
    expect(removed?.payload).toMatchObject({
      action: "removed",
      installation: { id: s.installationId, account: { login: "acme" }, repository_selection: "selected" },
      repositories_added: [],
      repositories_removed: [
        { id: s.github.repository("acme", "web").id, name: "web", full_name: "acme/web" },
      ],
    });
  });
});
