import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JFrogEmulator, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import { ADMIN_TOKEN, call, githubIntegration, jfrogErrorOf } from "./helpers.js";

let jfrog: JFrogEmulator;
beforeEach(async () => {
  jfrog = await startJFrogEmulator({ adminToken: ADMIN_TOKEN });
});
afterEach(() => jfrog.close());

describe("OIDC integrations CRUD", () => {
  it("creates, lists, reads, replaces and deletes an integration", async () => {
    const created = await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    expect(created).toMatchObject({ status: 201, body: githubIntegration() });

    expect((await call(jfrog.url, "GET", "/oidc")).body).toEqual([githubIntegration()]);
    expect(await call(jfrog.url, "GET", "/oidc/github-acme")).toMatchObject({
      status: 200,
      body: githubIntegration(),
    });

    const replacement = githubIntegration({ audience: "jfrog-acme", description: undefined });
    const updated = await call(jfrog.url, "PUT", "/oidc/github-acme", { body: replacement });
    expect(updated).toMatchObject({ status: 200, body: { audience: "jfrog-acme" } });
    expect(updated.body).not.toHaveProperty("description"); // PUT replaces the whole object
    expect(jfrog.state.integrations).toEqual([updated.body]);

    expect((await call(jfrog.url, "DELETE", "/oidc/github-acme")).status).toBe(204);
    expect(await call(jfrog.url, "GET", "/oidc/github-acme")).toMatchObject({
      status: 404,
      body: jfrogErrorOf("NOT_FOUND", "OIDC integration 'github-acme' not found"),
    });
  });

  it("answers 409 to a duplicate create and keeps the original", async () => {
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    const duplicate = await call(jfrog.url, "POST", "/oidc", {
      body: githubIntegration({ audience: "other" }),
    });
    expect(duplicate).toMatchObject({ status: 409, body: jfrogErrorOf("CONFLICT", /already exists/) });
    expect(jfrog.state.integrations[0]?.audience).toBe("jfrog-github");
  });

  it("stores issuer_url exactly as given, trailing slash included", async () => {
    const body = githubIntegration({ issuer_url: "https://token.actions.githubusercontent.com/" });
    await call(jfrog.url, "POST", "/oidc", { body });
    expect((await call(jfrog.url, "GET", "/oidc/github-acme")).body).toMatchObject({
      issuer_url: body.issuer_url,
    });
  });

  it("answers 404 to PUT and DELETE of a missing integration", async () => {
    expect(
      (await call(jfrog.url, "PUT", "/oidc/nope", { body: githubIntegration({ name: "nope" }) })).status,
    ).toBe(404);
    expect((await call(jfrog.url, "DELETE", "/oidc/nope")).status).toBe(404);
  });

  it("refuses to rename through PUT", async () => {
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    const renamed = await call(jfrog.url, "PUT", "/oidc/github-acme", {
      body: githubIntegration({ name: "github-other" }),
    });
    expect(renamed).toMatchObject({ status: 400, body: jfrogErrorOf("BAD_REQUEST", /cannot be renamed/) });
  });

  it("deleting an integration deletes its mappings", async () => {
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    const mapping = {
      name: "m1",
      claims: { repository_id: "74" },
      token_spec: { scope: "applied-permissions/user" },
    };
    await call(jfrog.url, "POST", "/oidc/github-acme/identity_mappings", { body: mapping });
    await call(jfrog.url, "DELETE", "/oidc/github-acme");
    await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
    expect((await call(jfrog.url, "GET", "/oidc/github-acme/identity_mappings")).body).toEqual([]);
  });
});

describe("OIDC integration validation", () => {
  it.each([
    ["a missing name", { name: undefined }, "name is required"],
    ["an upper-case name", { name: "GitHub" }, /oidc_setting Name is not valid/],
    ["a name starting with a digit", { name: "1github" }, /oidc_setting Name is not valid/],
    ["a one-letter name", { name: "g" }, /oidc_setting Name is not valid/],
    ["a missing issuer_url", { issuer_url: undefined }, "issuer_url is required"],
    ["an issuer_url that is no URL", { issuer_url: "token.actions" }, /Issuer URL is not valid/],
    ["a missing provider_type", { provider_type: undefined }, "provider_type is required"],
    ["an unknown provider_type", { provider_type: "Gitlab" }, /provider_type must be one of/],
    [
      "a GitHub provider without organization",
      { organization: undefined },
      /oidc_setting Organization is not valid/,
    ],
    ["a non-boolean use_default_proxy", { use_default_proxy: "yes" }, "use_default_proxy must be a boolean"],
    ["a GitHub provider with token_issuer", { token_issuer: "https://x" }, /token_issuer is not allowed/],
  ])("rejects %s with 400", async (_label, overrides, message) => {
    const body = { ...githubIntegration(), ...overrides };
    const response = await call(jfrog.url, "POST", "/oidc", { body });
    expect(response).toMatchObject({ status: 400, body: jfrogErrorOf("BAD_REQUEST", message) });
    expect(jfrog.state.integrations).toEqual([]);
  });

  it("accepts a GitHub provider without organization when permissive", async () => {
    const body = githubIntegration({ organization: undefined, enable_permissive_configuration: true });
    expect((await call(jfrog.url, "POST", "/oidc", { body })).status).toBe(201);
  });

  it("accepts a generic provider without organization and keeps its token_issuer", async () => {
    const body = {
      name: "generic",
      issuer_url: "https://idp.example",
      provider_type: "Generic OpenID Connect",
      token_issuer: "x",
    };
    expect(await call(jfrog.url, "POST", "/oidc", { body })).toMatchObject({ status: 201, body });
  });

  it("rejects a body that is not an object", async () => {
    const response = await call(jfrog.url, "POST", "/oidc", { body: [githubIntegration()] });
    expect(response).toMatchObject({
      status: 400,
      body: jfrogErrorOf("BAD_REQUEST", "Request body must be a JSON object"),
    });
  });
});
