/**
 * The emulator's request log: what the app sent, body included, so an app test can assert an exact request on
 * the one model of GitHub the tests use. Never a token: those travel in headers.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { call, graphql, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.github.close());

it("records each request's JSON body as sent, REST and GraphQL, and no token", async () => {
  const pr = { title: "Add a file", head: "main", base: "main", body: "why" };
  await call(s.github, "POST", "/repos/acme/web/pulls", { token: s.token, body: pr });
  await graphql(s.github, s.token, 'query Q($n: String!) { repository(owner: "acme", name: $n) { id } }', {
    n: "web",
  });
  expect(s.github.requests).toEqual([
    {
      method: "POST",
      path: "/api/v3/repos/acme/web/pulls",
      query: {},
      status: 422,
      body: pr,
      at: expect.any(Number),
    },
    {
      method: "POST",
      path: "/api/graphql",
      query: {},
      status: 200,
      body: {
        query: 'query Q($n: String!) { repository(owner: "acme", name: $n) { id } }',
        variables: { n: "web" },
      },
      at: expect.any(Number),
    },
  ]);
  expect(JSON.stringify(s.github.requests)).not.toContain(s.token);
});

it("records no body for a request that sent none, or one it could not parse", async () => {
  await call(s.github, "GET", "/repos/acme/web", { token: s.token });
  await call(s.github, "POST", "/repos/acme/web/labels", { token: s.token, rawBody: "{not json" });
  expect(s.github.requests.map((r) => [r.status, "body" in r])).toEqual([
    [200, false],
    [400, false],
  ]);
});

it("keeps the body as it was sent, and frozen, whatever the emulator does with it later", async () => {
  await call(s.github, "POST", "/repos/acme/web/labels", {
    token: s.token,
    body: { name: "jfrog-oidc", color: "ededed" },
  });
  const [record] = s.github.requests;
  expect(record?.body).toEqual({ name: "jfrog-oidc", color: "ededed" });
  expect(Object.isFrozen(record?.body)).toBe(true);
});

it("orders requests by when they were answered, across emulators too", async () => {
  await call(s.github, "GET", "/repos/acme/web", { token: s.token });
  await call(s.github, "GET", "/repos/acme/empty", { token: s.token });
  const [first, second] = s.github.requests;
  expect(first?.at).toBeLessThan(second?.at ?? 0);
  expect(second?.at).toBeLessThanOrEqual(performance.now());
});
