/**
 * How the emulator authenticates, as GitHub does: the app's JWT for installation tokens; installation tokens for
 * everything else, seeing only the installation's repositories (404 for the rest) with its permissions (403).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JWT_MESSAGES } from "../../../src/sandbox/github/index.js";
import { foreignPrivateKey } from "../../support/app-key.js";
import { APP_ID, appJwt, call, githubError, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.github.close());

const tokenPath = () => `/app/installations/${s.installationId}/access_tokens`;

describe("POST /app/installations/{id}/access_tokens", () => {
  it("issues a ghs_ token carrying the installation's permissions for an app JWT", async () => {
    const answer = await call(s.github, "POST", tokenPath(), { token: await appJwt() });
    expect(answer).toMatchObject({
      status: 201,
      body: {
        token: expect.stringMatching(/^ghs_[A-Za-z0-9]{36}$/),
        expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        permissions: expect.objectContaining({ contents: "write", workflows: "write" }),
        repository_selection: "all",
      },
    });
  });

  it.each([
    ["no Authorization header", async () => null, 401, "Requires authentication"],
    ["an installation token instead of a JWT", async () => s.token, 401, JWT_MESSAGES.undecodable],
    ["a JWT signed with another key", async () => appJwt(foreignPrivateKey()), 401, JWT_MESSAGES.undecodable],
    [
      "a JWT of another app",
      async () => appJwt(undefined, { iss: APP_ID + 1 }),
      401,
      JWT_MESSAGES.unknownApp,
    ],
    [
      "an expired JWT",
      async () =>
        appJwt(undefined, {
          iat: Math.floor(Date.now() / 1000) - 900,
          exp: Math.floor(Date.now() / 1000) - 300,
        }),
      401,
      JWT_MESSAGES.expired,
    ],
    [
      "a JWT valid for an hour",
      async () => appJwt(undefined, { exp: Math.floor(Date.now() / 1000) + 3600 }),
      401,
      JWT_MESSAGES.tooLong,
    ],
    [
      "a JWT issued in the future",
      async () => appJwt(undefined, { iat: Math.floor(Date.now() / 1000) + 600 }),
      401,
      JWT_MESSAGES.issuedAt,
    ],
  ])("refuses %s", async (_, token, status, message) => {
    const answer = await call(s.github, "POST", tokenPath(), { token: await token() });
    expect(answer).toMatchObject({ status, body: githubError(status, message) });
  });

  it("answers 404 for an installation that does not exist", async () => {
    const answer = await call(s.github, "POST", "/app/installations/999/access_tokens", {
      token: await appJwt(),
    });
    expect(answer).toMatchObject({ status: 404, body: githubError(404, "Not Found") });
  });

  it("narrows a token to fewer permissions and repositories, never widens it", async () => {
    const jwt = await appJwt();
    const narrow = await call(s.github, "POST", tokenPath(), {
      token: jwt,
      body: { permissions: { contents: "read" }, repositories: ["web"] },
    });
    expect(narrow).toMatchObject({
      status: 201,
      body: {
        permissions: { contents: "read" },
        repository_selection: "selected",
        repositories: [expect.objectContaining({ full_name: "acme/web" })],
      },
    });
    const wide = await call(s.github, "POST", tokenPath(), {
      token: jwt,
      body: { permissions: { administration: "write" } },
    });
    expect(wide).toMatchObject({
      status: 422,
      body: githubError(422, "The permissions requested are not granted to this installation."),
    });
    const foreign = await call(s.github, "POST", tokenPath(), {
      token: jwt,
      body: { repositories: ["secret"] },
    });
    expect(foreign.status).toBe(422);

    const token = (narrow.body as { token: string }).token;
    expect((await call(s.github, "GET", "/repos/acme/web/contents/README.md", { token })).status).toBe(200);
    expect((await call(s.github, "GET", "/repos/acme/empty", { token })).status).toBe(404);
    expect(
      (await call(s.github, "POST", "/repos/acme/web/labels", { token, body: { name: "x" } })).status,
    ).toBe(403);
  });
});

describe("installation tokens", () => {
  it("are required: none is 401 Requires authentication, a wrong one 401 Bad credentials", async () => {
    expect(await call(s.github, "GET", "/repos/acme/web", { token: null })).toMatchObject({
      status: 401,
      body: githubError(401, "Requires authentication"),
    });
    expect(await call(s.github, "GET", "/repos/acme/web", { token: "ghs_notAToken" })).toMatchObject({
      status: 401,
      body: githubError(401, "Bad credentials"),
    });
  });

  it("see their installation's repositories only: another org's repository is 404, not 403", async () => {
    expect((await call(s.github, "GET", "/repos/acme/web", { token: s.token })).status).toBe(200);
    expect(await call(s.github, "GET", "/repos/other/secret", { token: s.token })).toMatchObject({
      status: 404,
      body: githubError(404, "Not Found"),
    });
    expect((await call(s.github, "GET", "/orgs/other/memberships/stranger", { token: s.token })).status).toBe(
      404,
    );
  });

  it("carry only the installation's permissions: a missing one is 403", async () => {
    const readOnly = await setup({ permissions: { contents: "read", metadata: "read" } });
    try {
      const answer = await call(readOnly.github, "POST", "/repos/acme/web/pulls", {
        token: readOnly.token,
        body: { title: "t", head: "main", base: "main" },
      });
      expect(answer).toMatchObject({
        status: 403,
        body: githubError(403, "Resource not accessible by integration"),
      });
      const members = await call(readOnly.github, "GET", "/orgs/acme/memberships/mona", {
        token: readOnly.token,
      });
      expect(members.status).toBe(403);
    } finally {
      await readOnly.github.close();
    }
  });

  it("list what they can see", async () => {
    const answer = await call(s.github, "GET", "/installation/repositories", { token: s.token });
    expect(answer).toMatchObject({ status: 200, body: { total_count: 2, repository_selection: "all" } });
    const names = (answer.body as { repositories: Array<{ full_name: string }> }).repositories.map(
      (r) => r.full_name,
    );
    expect(names).toEqual(["acme/web", "acme/empty"]);
  });
});
