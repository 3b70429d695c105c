/**
 * Contents and commits the way Probot's config plugin and the app read them: raw files, JSON files, directory
 * listings (always JSON), other refs, and the latest commit touching a path.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { call, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeAll(async () => {
  s = await setup();
  s.github.push({
    owner: "acme",
    repo: "web",
    files: { ".github/jfrog-oidc.yml": "enabled: false\n" },
    message: "Opt out",
  });
  s.github.push({ owner: "acme", repo: "web", files: { "README.md": "# web, again\n" }, message: "Docs" });
});
afterAll(() => s.github.close());

it("answers the raw media type with the file's text", async () => {
  const answer = await call(s.github, "GET", "/repos/acme/web/contents/.github%2Fjfrog-oidc.yml", {
    token: s.token,
    accept: "application/vnd.github.v3.raw",
  });
  expect(answer).toMatchObject({ status: 200, body: "enabled: false\n" });
  expect(answer.headers.get("content-type")).toBe("application/vnd.github.raw; charset=utf-8");
});

it("answers JSON with base64 content and git's blob sha", async () => {
  const answer = await call(s.github, "GET", "/repos/acme/web/contents/README.md", { token: s.token });
  expect(answer).toMatchObject({
    status: 200,
    body: {
      type: "file",
      encoding: "base64",
      path: "README.md",
      size: 13,
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
    },
  });
  const { content } = answer.body as { content: string };
  expect(Buffer.from(content, "base64").toString()).toBe("# web, again\n");
});

it("lists a directory as JSON whatever the media type, and reads other refs", async () => {
  const dir = await call(s.github, "GET", "/repos/acme/web/contents/.github", {
    token: s.token,
    accept: "application/vnd.github.raw",
  });
  expect(dir.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(dir.body).toEqual([
    expect.objectContaining({ type: "file", name: "jfrog-oidc.yml", path: ".github/jfrog-oidc.yml" }),
  ]);
  const first = s.github.repository("acme", "web").log().at(-1)?.oid;
  const old = await call(s.github, "GET", `/repos/acme/web/contents/README.md?ref=${first}`, {
    token: s.token,
    accept: "application/vnd.github.raw",
  });
  expect(old.body).toBe("# web\n");
  expect((await call(s.github, "GET", "/repos/acme/web/contents/nope.txt", { token: s.token })).status).toBe(
    404,
  );
});

it("lists the commits that touched a path, newest first", async () => {
  const answer = await call(
    s.github,
    "GET",
    "/repos/acme/web/commits?path=.github/jfrog-oidc.yml&per_page=1",
    { token: s.token },
  );
  expect(answer).toMatchObject({
    status: 200,
    body: [{ sha: expect.any(String), commit: { message: "Opt out" } }],
  });
  const all = await call(s.github, "GET", "/repos/acme/web/commits", { token: s.token });
  expect((all.body as Array<{ commit: { message: string } }>).map((c) => c.commit.message)).toEqual([
    "Docs",
    "Opt out",
    "Initial commit",
  ]);
});
