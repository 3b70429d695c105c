import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JFrogEmulator, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import { ADMIN_TOKEN, API, call, githubIntegration, jfrogErrorOf } from "./helpers.js";

let jfrog: JFrogEmulator;
beforeEach(async () => {
  jfrog = await startJFrogEmulator({ adminToken: ADMIN_TOKEN });
});
afterEach(() => jfrog.close());

describe("fault injection", () => {
  it("answers a chosen status a given number of times, then recovers", async () => {
    const fault = jfrog.faults.add({ method: "POST", pathPattern: /\/oidc$/, times: 2, status: 500 });
    const first = await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    expect(first).toMatchObject({
      status: 500,
      body: jfrogErrorOf("INTERNAL_SERVER_ERROR", "Internal server error"),
    });
    expect((await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() })).status).toBe(500);
    expect((await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() })).status).toBe(201);
    expect(fault.hits).toBe(2);
    expect(jfrog.requests.map((r) => r.status)).toEqual([500, 500, 201]);
  });

  it("only touches the chosen method and path", async () => {
    jfrog.faults.add({ method: "GET", pathPattern: /identity_mappings/, status: 503 });
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    expect((await call(jfrog.url, "GET", "/oidc/github-acme")).status).toBe(200);
    expect((await call(jfrog.url, "GET", "/oidc/github-acme/identity_mappings")).status).toBe(503);
  });

  it("sends 429 with Retry-After and a custom body", async () => {
    jfrog.faults.add({
      status: 429,
      retryAfterSeconds: 7,
      body: { errors: [{ code: "RATE", message: "slow down" }] },
    });
    const response = await call(jfrog.url, "GET", "/oidc");
    expect(response).toMatchObject({
      status: 429,
      body: { errors: [{ code: "RATE", message: "slow down" }] },
    });
    expect(response.headers.get("retry-after")).toBe("7");
  });

  it("fires before authentication, like a proxy in front of JFrog", async () => {
    jfrog.faults.add({ status: 503, times: 1 });
    expect((await call(jfrog.url, "GET", "/oidc", { token: null })).status).toBe(503);
  });

  it("drops the connection without an answer", async () => {
    jfrog.faults.add({ pathPattern: /\/system\/ping$/, dropConnection: true, times: 1 });
    await expect(fetch(`${jfrog.url}${API}/system/ping`)).rejects.toThrow(TypeError);
    expect(jfrog.requests).toEqual([
      { method: "GET", path: `${API}/system/ping`, query: {}, status: 0, at: expect.any(Number) },
    ]);
    expect((await call(jfrog.url, "GET", "/system/ping")).body).toBe("OK");
  });

  it("answers slowly: a client deadline shorter than the latency fires", async () => {
    jfrog.faults.add({ latencyMs: 10_000, times: 1 });
    const signal = AbortSignal.timeout(50);
    await expect(call(jfrog.url, "GET", "/system/ping", { signal })).rejects.toThrow(/timeout|aborted/i);
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(200);
  });

  it("latency alone still handles the request", async () => {
    jfrog.faults.add({ latencyMs: 30, times: 1 });
    const started = performance.now();
    expect((await call(jfrog.url, "GET", "/system/ping")).body).toBe("OK");
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("removes a fault by its handle and clears them all", async () => {
    const fault = jfrog.faults.add({ status: 500 });
    fault.remove();
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(200);
    jfrog.faults.add({ status: 500 });
    jfrog.faults.clear();
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(200);
  });

  it("matches every request with a global RegExp, not every other one", async () => {
    jfrog.faults.add({ pathPattern: /ping/g, status: 502 });
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(502);
    expect((await call(jfrog.url, "GET", "/system/ping")).status).toBe(502);
  });

  it.each([
    [{}, /does nothing/],
    [{ status: 500, dropConnection: true }, /exclude each other/],
    [{ times: 0, status: 500 }, /times must be/],
    [{ status: 42 }, /status must be/],
    [{ retryAfterSeconds: 1 }, /need a status/],
  ])("rejects the fault %o", (spec, message) => {
    expect(() => jfrog.faults.add(spec)).toThrow(message);
  });

  it("closes promptly while a slow request is pending", async () => {
    const fault = jfrog.faults.add({ latencyMs: 60_000 });
    const pending = fetch(`${jfrog.url}${API}/system/ping`).catch((error: unknown) => error);
    await expect.poll(() => fault.hits).toBe(1); // the request is inside the server, waiting
    await jfrog.close();
    expect(await pending).toBeInstanceOf(TypeError);
  });
});
