import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { JFrogError } from "../../src/jfrog/errors.js";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import { API, jfrog, makeClient, wire } from "./helpers.js";

const integration = (): OidcIntegration => ({
  name: "github-acme",
  issuer_url: "https://token.actions.githubusercontent.com",
  provider_type: "GitHub",
  audience: "jfrog-github",
  organization: "acme",
  description: "Managed by jfrog-oidc-rollout",
});

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe("checkAccess", () => {
  it("GETs the integration list with the bearer token", async () => {
    jfrog().get(`${API}/oidc`).matchHeader("accept", "application/json").reply(200, []);
    await expect(makeClient().client.checkAccess()).resolves.toBeUndefined();
  });

  it("turns 401 into an auth error with a hint", async () => {
    jfrog()
      .get(`${API}/oidc`)
      .reply(401, { errors: [{ code: "UNAUTHORIZED", message: "Bad credentials" }] });
    const error = await makeClient()
      .client.checkAccess()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JFrogError);
    expect(error).toMatchObject({ kind: "auth", status: 401, retryable: false });
    expect((error as JFrogError).message).toBe(
      "JFrog refused to list OIDC integrations at https://acme.jfrog.io: HTTP 401 UNAUTHORIZED: Bad credentials. " +
        "Hint: the admin token was rejected; it may be expired, revoked, or issued by another JFrog instance.",
    );
  });

  it("turns 403 into an auth error naming the rights needed", async () => {
    jfrog().get(`${API}/oidc`).reply(403, "Forbidden", { "content-type": "text/plain" });
    const error = await makeClient()
      .client.checkAccess()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", status: 403, jfrogMessage: "Forbidden" });
    expect((error as Error).message).toContain("needs admin (or Project Admin for project-scoped mappings)");
  });
});

describe("integrations", () => {
  it("lists integrations", async () => {
    jfrog().get(`${API}/oidc`).reply(200, [integration()]);
    await expect(makeClient().client.listIntegrations()).resolves.toEqual([integration()]);
  });

  it("reads an empty list body as no integrations", async () => {
    jfrog().get(`${API}/oidc`).reply(200, "");
    await expect(makeClient().client.listIntegrations()).resolves.toEqual([]);
  });

  it("gets one integration", async () => {
    jfrog().get(`${API}/oidc/github-acme`).reply(200, integration());
    await expect(makeClient().client.getIntegration("github-acme")).resolves.toEqual(integration());
  });

  it("returns null for a missing integration", async () => {
    jfrog()
      .get(`${API}/oidc/github-acme`)
      .reply(404, { errors: [{ code: "NOT_FOUND", message: "not found" }] });
    await expect(makeClient().client.getIntegration("github-acme")).resolves.toBeNull();
  });

  it("encodes names taken from config", async () => {
    jfrog().get(`${API}/oidc/a%2Fb%3Fc%20d`).reply(404);
    await expect(makeClient().client.getIntegration("a/b?c d")).resolves.toBeNull();
  });

  it("refuses names that would hit another route, without calling JFrog", async () => {
    const { client } = makeClient();
    await expect(client.getIntegration("..")).rejects.toMatchObject({ kind: "validation" });
    await expect(client.getIntegration("")).rejects.toThrow(
      'Cannot read OIDC integration "": "" is not a usable name',
    );
  });

  it("reports a 2xx that is not JSON as an unexpected answer", async () => {
    jfrog()
      .get(`${API}/oidc/github-acme`)
      .reply(200, "<html>Sign in</html>", { "content-type": "text/html" });
    await expect(makeClient().client.getIntegration("github-acme")).rejects.toMatchObject({
      kind: "unavailable",
      retryable: false,
      message:
        'JFrog answered unexpectedly while trying to read OIDC integration "github-acme": expected a JSON object with a name, got "<html>Sign in</html>"',
    });
  });

  it("creates an integration with POST and the exact body (201, JSON echo)", async () => {
    jfrog("json").post(`${API}/oidc`, wire(integration())).reply(201, integration());
    await expect(makeClient().client.createIntegration(integration())).resolves.toBeUndefined();
  });

  it("accepts 200 text/plain and empty bodies on create", async () => {
    jfrog("json")
      .post(`${API}/oidc`, wire(integration()))
      .reply(200, "OIDC configuration created", { "content-type": "text/plain" })
      .post(`${API}/oidc`, wire(integration()))
      .reply(201);
    const { client } = makeClient();
    await client.createIntegration(integration());
    await client.createIntegration(integration());
  });

  it("updates with PUT of the full object", async () => {
    const updated = { ...integration(), audience: "jfrog-new" };
    jfrog("json").put(`${API}/oidc/github-acme`, wire(updated)).reply(200, updated);
    await expect(makeClient().client.updateIntegration(updated)).resolves.toBeUndefined();
  });

  it("updating a missing integration is a not-found error, not null", async () => {
    jfrog("json").put(`${API}/oidc/github-acme`).reply(404, "");
    await expect(makeClient().client.updateIntegration(integration())).rejects.toMatchObject({
      kind: "not-found",
      status: 404,
      message: 'JFrog refused to update OIDC integration "github-acme": HTTP 404',
    });
  });
});
