import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { JFrogError } from "../../src/jfrog/errors.js";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { API, jfrog, makeClient, wire } from "./helpers.js";

const MAPPINGS = `${API}/oidc/github-acme/identity_mappings`;
const mapping: IdentityMapping = { name: "gh-o5-r74", claims: { repository_id: "74" }, token_spec: {} };
const sent = wire({ ...mapping, provider_name: "github-acme" });

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe("retries", () => {
  it("retries a 500 once, then succeeds on 201", async () => {
    jfrog("json").post(MAPPINGS, sent).reply(500, "boom").post(MAPPINGS, sent).reply(201);
    const { client, sleep } = makeClient();
    await client.createMapping("github-acme", mapping);
    expect(sleep).toHaveBeenCalledTimes(1);
    // Full jitter: somewhere in [0, baseDelayMs) before the first retry.
    expect(sleep.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(0);
    expect(sleep.mock.calls[0]?.[0]).toBeLessThan(500);
  });

  it("honours Retry-After in seconds on 429", async () => {
    jfrog()
      .get(`${API}/oidc`)
      .reply(429, "slow down", { "retry-after": "3" })
      .get(`${API}/oidc`)
      .reply(200, []);
    const { client, sleep } = makeClient();
    await expect(client.listIntegrations()).resolves.toEqual([]);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(3000);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 6000).toUTCString();
    jfrog().get(`${API}/oidc`).reply(503, "", { "retry-after": at }).get(`${API}/oidc`).reply(200, []);
    const { client, sleep } = makeClient();
    await client.listIntegrations();
    // HTTP dates have one-second resolution.
    expect(sleep.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(4000);
    expect(sleep.mock.calls[0]?.[0]).toBeLessThanOrEqual(6000);
  });

  it("gives up at once when Retry-After exceeds maxDelayMs, so the caller can reschedule", async () => {
    jfrog().get(`${API}/oidc`).reply(429, "", { "retry-after": "120" });
    const { client, sleep } = makeClient();
    const error = await client.listIntegrations().catch((e: unknown) => e);
    expect(sleep).not.toHaveBeenCalled();
    expect(error).toMatchObject({ kind: "unavailable", retryable: true, status: 429, retryAfterMs: 120_000 });
    expect((error as Error).message).toBe(
      "JFrog unavailable while trying to list OIDC integrations: HTTP 429 (after 1 attempt); JFrog asks to wait 120 s",
    );
  });

  it("fails as unavailable after N attempts of 503", async () => {
    jfrog().get(`${API}/oidc`).times(4).reply(503, "Service Unavailable", { "content-type": "text/plain" });
    const { client, sleep } = makeClient();
    const error = await client.listIntegrations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JFrogError);
    expect(error).toMatchObject({ kind: "unavailable", retryable: true, status: 503 });
    expect((error as Error).message).toBe(
      "JFrog unavailable while trying to list OIDC integrations: HTTP 503 Service Unavailable (after 4 attempts)",
    );
    expect(sleep).toHaveBeenCalledTimes(3);
    // Exponential ceilings 500, 1000, 2000 ms.
    for (const [i, [ms]] of sleep.mock.calls.entries()) expect(ms).toBeLessThan(500 * 2 ** i);
  });

  it("retries network errors, then reports JFrog unreachable", async () => {
    jfrog().get(`${API}/oidc/github-acme`).times(2).replyWithError("connect ECONNREFUSED 10.0.0.1:443");
    const { client, sleep } = makeClient({ retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 1000 } });
    const error = await client.getIntegration("github-acme").catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unavailable", retryable: true, status: undefined });
    expect((error as Error).message).toBe(
      'JFrog unreachable while trying to read OIDC integration "github-acme": connect ECONNREFUSED 10.0.0.1:443 (after 2 attempts)',
    );
    expect(String((error as Error).cause)).toBe("Error: connect ECONNREFUSED 10.0.0.1:443");
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it("recovers from a network error", async () => {
    jfrog().get(`${API}/oidc`).replyWithError("socket hang up").get(`${API}/oidc`).reply(200, []);
    await expect(makeClient().client.listIntegrations()).resolves.toEqual([]);
  });

  it("times out a slow attempt and retries it", async () => {
    // A wide margin for the prompt second answer: on a loaded machine 50 ms could time it out too.
    jfrog().get(`${API}/oidc`).delay(5_000).reply(200, []).get(`${API}/oidc`).reply(200, []);
    await expect(makeClient({ timeoutMs: 300 }).client.listIntegrations()).resolves.toEqual([]);
  });

  it("reports persistent timeouts", async () => {
    jfrog().get(`${API}/oidc`).times(2).delay(500).reply(200, []);
    const { client } = makeClient({ timeoutMs: 50, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    await expect(client.checkAccess()).rejects.toMatchObject({
      kind: "unavailable",
      message:
        "JFrog unreachable while trying to list OIDC integrations at https://acme.jfrog.io: no answer within 50 ms (after 2 attempts)",
    });
  });

  it("never retries other 4xx", async () => {
    jfrog("json")
      .post(MAPPINGS, sent)
      .reply(400, { errors: [{ code: "BAD_REQUEST", message: "Invalid claims" }] });
    const { client, sleep } = makeClient();
    await expect(client.createMapping("github-acme", mapping)).rejects.toMatchObject({ kind: "validation" });
    expect(sleep).not.toHaveBeenCalled();
  });

  it("flags a conflict that follows a lost answer", async () => {
    jfrog("json").post(MAPPINGS, sent).reply(502).post(MAPPINGS, sent).reply(409, "Mapping already exists");
    await expect(makeClient().client.createMapping("github-acme", mapping)).rejects.toMatchObject({
      kind: "conflict",
      message:
        'JFrog refused to create identity mapping "gh-o5-r74" on provider "github-acme": HTTP 409 Mapping already exists ' +
        "(an earlier attempt may have succeeded before its answer was lost)",
    });
  });
});
