import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JFrogEmulator, MAX_BODY_BYTES, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import { ADMIN_TOKEN, API, call, githubIntegration, jfrogErrorOf, repoMapping } from "./helpers.js";
import { rawExchange, rawJsonBody } from "./raw-http.js";

let jfrog: JFrogEmulator;
beforeEach(async () => {
  jfrog = await startJFrogEmulator({ adminToken: ADMIN_TOKEN });
});
afterEach(() => jfrog.close());

describe("admin authentication", () => {
  const routes: Array<[string, string]> = [
    ["GET", "/oidc"],
    ["POST", "/oidc"],
    ["GET", "/oidc/github-acme"],
    ["PUT", "/oidc/github-acme"],
    ["DELETE", "/oidc/github-acme"],
    ["GET", "/oidc/github-acme/identity_mappings"],
    ["POST", "/oidc/github-acme/identity_mappings"],
    ["GET", "/oidc/github-acme/identity_mappings/m"],
    ["PUT", "/oidc/github-acme/identity_mappings/m"],
    ["DELETE", "/oidc/github-acme/identity_mappings/m"],
  ];

  it.each(routes)("%s %s answers 401 without a token and with a wrong one", async (method, path) => {
    const body = method === "POST" || method === "PUT" ? {} : undefined;
    expect(await call(jfrog.url, method, path, { token: null, body })).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /Authentication required/),
    });
    expect(await call(jfrog.url, method, path, { token: "not-the-admin-token", body })).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /Bad credentials/),
    });
  });

  it("changes nothing on a refused write", async () => {
    await call(jfrog.url, "POST", "/oidc", { token: "wrong", body: githubIntegration() });
    expect(jfrog.state.integrations).toEqual([]);
  });

  it("rejects an empty admin token at start", async () => {
    await expect(startJFrogEmulator({ adminToken: "" })).rejects.toThrow(/adminToken/);
  });
});

describe("system ping", () => {
  it("answers OK as text/plain without authentication", async () => {
    const response = await call(jfrog.url, "GET", "/system/ping", { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toBe("OK");
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with a JFrog-shaped 400", async () => {
    const response = await call(jfrog.url, "POST", "/oidc", { rawBody: '{"name": "github-acme",' });
    expect(response).toMatchObject({
      status: 400,
      body: jfrogErrorOf("BAD_REQUEST", /^Malformed JSON body/),
    });
  });

  it("answers unknown routes with a JFrog-shaped 404", async () => {
    for (const path of [`${API}/nothing`, "/", "/artifactory/api/repositories", `${API}/oidc/a/b/c/d`]) {
      const response = await fetch(`${jfrog.url}${path}`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(jfrogErrorOf("NOT_FOUND", /^No such endpoint/));
    }
  });

  it("answers wrong methods with 405 and an Allow header", async () => {
    const patch = await call(jfrog.url, "PATCH", "/oidc/github-acme", { body: {} });
    expect(patch).toMatchObject({
      status: 405,
      body: jfrogErrorOf("METHOD_NOT_ALLOWED", /PATCH is not allowed/),
    });
    expect(patch.headers.get("allow")).toBe("GET, PUT, DELETE");
    expect((await call(jfrog.url, "DELETE", "/oidc")).status).toBe(405);
    expect((await call(jfrog.url, "GET", "/oidc/token", { token: null })).status).toBe(401); // an integration named "token"
    expect((await call(jfrog.url, "POST", "/system/ping")).status).toBe(405);
  });

  it("answers bodies over 1 MB with 413 and stores nothing", async () => {
    const big = JSON.stringify({ ...githubIntegration(), description: "x".repeat(MAX_BODY_BYTES) });
    const response = await call(jfrog.url, "POST", "/oidc", { rawBody: big });
    expect(response).toMatchObject({
      status: 413,
      body: jfrogErrorOf("PAYLOAD_TOO_LARGE", /exceeds 1048576 bytes/),
    });
    expect(jfrog.state.integrations).toEqual([]);
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(200); // the server is still fine
  });

  it("answers unparseable HTTP with 400 and keeps serving", async () => {
    expect(await rawExchange(jfrog.url, "NOT HTTP AT ALL\r\n\r\n")).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(200);
  });

  it("answers a request target that starts with // like any unknown path, and records it", async () => {
    const reply = await rawExchange(jfrog.url, "GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 404 /);
    expect(rawJsonBody(reply)).toEqual(jfrogErrorOf("NOT_FOUND", "No such endpoint: GET //"));
    expect(jfrog.requests).toEqual([
      { method: "GET", path: "//", query: {}, status: 404, at: expect.any(Number) },
    ]);
  });

  it("answers a malformed %-escape in a name with 404", async () => {
    expect((await call(jfrog.url, "GET", "/oidc/%E0%A4%A")).status).toBe(404);
  });
});

describe("introspection", () => {
  it("records method, path, query, the JSON body read and status, and never a token", async () => {
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    await call(jfrog.url, "GET", "/oidc/github-acme/identity_mappings?project_key=proj", { token: "wrong" });
    expect(jfrog.requests).toEqual([
      {
        method: "POST",
        path: `${API}/oidc`,
        query: {},
        status: 201,
        body: githubIntegration(),
        at: expect.any(Number),
      },
      {
        method: "GET",
        path: `${API}/oidc/github-acme/identity_mappings`,
        query: { project_key: "proj" },
        status: 401,
        at: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(jfrog.requests)).not.toContain(ADMIN_TOKEN);
  });

  it("exposes state as frozen snapshots", async () => {
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    await call(jfrog.url, "POST", "/oidc/github-acme/identity_mappings", { body: repoMapping() });
    const { state } = jfrog;
    expect(Object.isFrozen(state.integrations[0])).toBe(true);
    expect(Object.isFrozen(state.mappings[0]?.claims)).toBe(true);
    expect(() => {
      (state.integrations as unknown as unknown[]).pop();
    }).toThrow(TypeError);
    expect(jfrog.state.integrations).toHaveLength(1);
  });

  it("reset forgets integrations, mappings, requests and faults", async () => {
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    await call(jfrog.url, "POST", "/oidc/github-acme/identity_mappings", { body: repoMapping() });
    jfrog.faults.add({ status: 503 });
    jfrog.reset();
    expect(jfrog.state).toEqual({ integrations: [], mappings: [] });
    expect(jfrog.requests).toEqual([]);
    expect((await call(jfrog.url, "GET", "/oidc")).status).toBe(200);
  });

  it("close is idempotent", async () => {
    await jfrog.close();
    await expect(jfrog.close()).resolves.toBeUndefined();
    await expect(fetch(`${jfrog.url}${API}/system/ping`)).rejects.toThrow();
  });
});
