/** Fault injection on chosen routes: error statuses with GitHub's body, 429 with retry-after, dropped connections. */
import { afterEach, beforeEach, expect, it } from "vitest";
import { call, githubError, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.github.close());

it("answers a chosen route with 502 a given number of times, then normally", async () => {
  const fault = s.github.faults.add({
    method: "GET",
    pathPattern: /\/repos\/acme\/web$/,
    status: 502,
    times: 1,
  });
  expect(await call(s.github, "GET", "/repos/acme/web", { token: s.token })).toMatchObject({
    status: 502,
    body: githubError(502, "Server Error"),
  });
  expect((await call(s.github, "GET", "/repos/acme/web", { token: s.token })).status).toBe(200);
  expect(fault.hits).toBe(1);
  expect(s.github.requests.map((r) => r.status)).toEqual([502, 200]);
});

it("answers 429 with retry-after, and GraphQL too", async () => {
  s.github.faults.add({ pathPattern: /^\/api\/graphql$/, status: 429, retryAfterSeconds: 7 });
  const answer = await call(s.github, "POST", "/api/graphql", {
    token: s.token,
    body: { query: "{ viewer { login } }" },
  });
  expect(answer.status).toBe(429);
  expect(answer.headers.get("retry-after")).toBe("7");
});

it("drops the connection, and counts the request for the repository it named", async () => {
  s.github.faults.add({ pathPattern: /\/pulls$/, dropConnection: true, times: 1 });
  await expect(call(s.github, "GET", "/repos/acme/web/pulls", { token: s.token })).rejects.toThrow();
  expect(s.github.requests.at(-1)).toMatchObject({ path: "/api/v3/repos/acme/web/pulls", status: 0 });
  expect(s.github.usage()["acme/web"]).toMatchObject({ requests: 1 });
});

it("delays an answer without changing it", async () => {
  s.github.faults.add({ latencyMs: 50, times: 1 });
  const started = performance.now();
  expect((await call(s.github, "GET", "/repos/acme/web", { token: s.token })).status).toBe(200);
  expect(performance.now() - started).toBeGreaterThanOrEqual(45);
});
