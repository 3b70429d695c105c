import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { API, jfrog, makeClient, wire } from "./helpers.js";

const MAPPINGS = `${API}/oidc/github-acme/identity_mappings`;

const mapping = (): IdentityMapping => ({
  name: "gh-o5-r74",
  priority: 1,
  description: "octo-org/octo-repo",
  claims: {
    iss: "https://token.actions.githubusercontent.com",
    repository_id: "74",
    repository_owner_id: "5",
    ref: ["refs/heads/main", "refs/tags/v*"],
  },
  token_spec: { scope: 'applied-permissions/groups:"readers"', expires_in: 3600 },
});

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe("global identity mappings", () => {
  it("lists mappings of a provider", async () => {
    jfrog().get(MAPPINGS).reply(200, [mapping()]);
    await expect(makeClient().client.listMappings("github-acme")).resolves.toEqual([mapping()]);
  });

  it("gets one mapping", async () => {
    jfrog()
      .get(`${MAPPINGS}/gh-o5-r74`)
      .reply(200, { ...mapping(), provider_name: "github-acme" });
    await expect(makeClient().client.getMapping("github-acme", "gh-o5-r74")).resolves.toEqual({
      ...mapping(),
      provider_name: "github-acme",
    });
  });

  it("returns null for a missing mapping", async () => {
    jfrog()
      .get(`${MAPPINGS}/gh-o5-r74`)
      .reply(404, "Identity mapping not found", { "content-type": "text/plain" });
    await expect(makeClient().client.getMapping("github-acme", "gh-o5-r74")).resolves.toBeNull();
  });

  it("creates with POST, naming the provider in the body too", async () => {
    jfrog("json")
      .post(MAPPINGS, wire({ ...mapping(), provider_name: "github-acme" }))
      .reply(201, { ...mapping(), provider_name: "github-acme" });
    await expect(makeClient().client.createMapping("github-acme", mapping())).resolves.toBeUndefined();
  });

  it("updates with PUT of the full object", async () => {
    const updated = { ...mapping(), priority: 2 };
    jfrog("json")
      .put(`${MAPPINGS}/gh-o5-r74`, wire({ ...updated, provider_name: "github-acme" }))
      .reply(200, "");
    await expect(makeClient().client.updateMapping("github-acme", updated)).resolves.toBeUndefined();
  });

  it("deletes (204 and 200 both succeed)", async () => {
    jfrog().delete(`${MAPPINGS}/gh-o5-r74`).reply(204).delete(`${MAPPINGS}/gh-o5-r74`).reply(200, "deleted");
    const { client } = makeClient();
    await expect(client.deleteMapping("github-acme", "gh-o5-r74")).resolves.toBeUndefined();
    await expect(client.deleteMapping("github-acme", "gh-o5-r74")).resolves.toBeUndefined();
  });

  it("treats deleting a missing mapping as done", async () => {
    jfrog()
      .delete(`${MAPPINGS}/gh-o5-r74`)
      .reply(404, { errors: [{ code: "NOT_FOUND", message: "Identity mapping not found" }] });
    await expect(makeClient().client.deleteMapping("github-acme", "gh-o5-r74")).resolves.toBeUndefined();
  });

  it("encodes the provider and mapping names", async () => {
    jfrog().get(`${API}/oidc/git%23hub/identity_mappings/a%2F..%2Fb`).reply(404);
    await expect(makeClient().client.getMapping("git#hub", "a/../b")).resolves.toBeNull();
  });

  it("listing mappings of a missing provider is an error", async () => {
    jfrog()
      .get(MAPPINGS)
      .reply(404, { errors: [{ code: "NOT_FOUND", message: "OIDC provider not found" }] });
    await expect(makeClient().client.listMappings("github-acme")).rejects.toMatchObject({
      kind: "not-found",
      message:
        'JFrog refused to list identity mappings on provider "github-acme": HTTP 404 NOT_FOUND: OIDC provider not found',
    });
  });
});

describe("project-scoped identity mappings", () => {
  const scope = { projectKey: "acme" };

  it("lists with ?project_key", async () => {
    jfrog().get(MAPPINGS).query({ project_key: "acme" }).reply(200, []);
    await expect(makeClient().client.listMappings("github-acme", scope)).resolves.toEqual([]);
  });

  it("gets with ?project_key", async () => {
    const found = { ...mapping(), project_key: "acme" };
    jfrog().get(`${MAPPINGS}/gh-o5-r74`).query({ project_key: "acme" }).reply(200, found);
    await expect(makeClient().client.getMapping("github-acme", "gh-o5-r74", scope)).resolves.toEqual(found);
  });

  it("creates with ?project_key and project_key in the body (sources disagree on which one counts)", async () => {
    jfrog("json")
      .post(MAPPINGS, wire({ ...mapping(), provider_name: "github-acme", project_key: "acme" }))
      .query({ project_key: "acme" })
      .reply(201);
    await makeClient().client.createMapping("github-acme", mapping(), scope);
  });

  it("updates with ?project_key", async () => {
    jfrog("json")
      .put(`${MAPPINGS}/gh-o5-r74`, wire({ ...mapping(), provider_name: "github-acme", project_key: "acme" }))
      .query({ project_key: "acme" })
      .reply(200);
    await makeClient().client.updateMapping("github-acme", mapping(), scope);
  });

  it("deletes with ?project_key, idempotently", async () => {
    jfrog().delete(`${MAPPINGS}/gh-o5-r74`).query({ project_key: "acme" }).reply(404);
    await makeClient().client.deleteMapping("github-acme", "gh-o5-r74", scope);
  });

  it("names the project in errors", async () => {
    jfrog("json")
      .post(MAPPINGS)
      .query({ project_key: "acme" })
      .reply(403, { errors: [{ code: "FORBIDDEN", message: "Insufficient permissions" }] });
    await expect(makeClient().client.createMapping("github-acme", mapping(), scope)).rejects.toMatchObject({
      kind: "auth",
      operation: 'create identity mapping "gh-o5-r74" on provider "github-acme" in project "acme"',
    });
  });
});
