import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { describeBody, httpError, JFrogError } from "../../src/jfrog/errors.js";
import type { IdentityMapping, OidcIntegration } from "../../src/jfrog/types.js";
import { API, jfrog, makeClient } from "./helpers.js";

const MAPPINGS = `${API}/oidc/github-acme/identity_mappings`;
const mapping: IdentityMapping = { name: "gh-o5-r74", claims: { repository_id: "74" }, token_spec: {} };
const integration: OidcIntegration = {
  name: "github-acme",
  issuer_url: "https://token.actions.githubusercontent.com",
  provider_type: "GitHub",
};

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe("errors from JFrog answers", () => {
  it("409 on a duplicate create is a conflict", async () => {
    jfrog("json")
      .post(MAPPINGS)
      .reply(409, { errors: [{ code: "CONFLICT", message: "Identity mapping gh-o5-r74 already exists" }] });
    const error = await makeClient()
      .client.createMapping("github-acme", mapping)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JFrogError);
    expect(error).toMatchObject({
      kind: "conflict",
      status: 409,
      retryable: false,
      operation: 'create identity mapping "gh-o5-r74" on provider "github-acme"',
      jfrogMessage: "CONFLICT: Identity mapping gh-o5-r74 already exists",
    });
  });

  it('400 "already exists" on a duplicate create is a conflict too', async () => {
    jfrog("json")
      .post(`${API}/oidc`)
      .reply(400, {
        errors: [{ code: "BAD_REQUEST", message: "OIDC configuration with name github-acme already exists" }],
      });
    await expect(makeClient().client.createIntegration(integration)).rejects.toMatchObject({
      kind: "conflict",
      status: 400,
      message:
        'JFrog refused to create OIDC integration "github-acme": HTTP 400 BAD_REQUEST: OIDC configuration with name github-acme already exists',
    });
  });

  it("surfaces JFrog's validation message", async () => {
    jfrog("json")
      .post(`${API}/oidc`)
      .reply(400, { errors: [{ code: "BAD_REQUEST", message: "oidc_setting Organization is not valid" }] });
    await expect(makeClient().client.createIntegration(integration)).rejects.toMatchObject({
      kind: "validation",
      status: 400,
      retryable: false,
      jfrogMessage: "BAD_REQUEST: oidc_setting Organization is not valid",
      message:
        'JFrog refused to create OIDC integration "github-acme": HTTP 400 BAD_REQUEST: oidc_setting Organization is not valid',
    });
  });

  it("surfaces text/plain error bodies", async () => {
    jfrog("json")
      .put(`${MAPPINGS}/gh-o5-r74`)
      .reply(400, "Invalid token spec: scope is required\n", { "content-type": "text/plain" });
    await expect(makeClient().client.updateMapping("github-acme", mapping)).rejects.toMatchObject({
      kind: "validation",
      jfrogMessage: "Invalid token spec: scope is required",
      message:
        'JFrog refused to update identity mapping "gh-o5-r74" on provider "github-acme": HTTP 400 Invalid token spec: scope is required',
    });
  });

  it("joins several JFrog errors", async () => {
    jfrog("json")
      .post(MAPPINGS)
      .reply(422, {
        errors: [
          { code: "BAD_REQUEST", message: "priority must be positive" },
          { code: "BAD_REQUEST", message: "claims must not be empty" },
        ],
      });
    await expect(makeClient().client.createMapping("github-acme", mapping)).rejects.toMatchObject({
      kind: "validation",
      jfrogMessage: "BAD_REQUEST: priority must be positive; BAD_REQUEST: claims must not be empty",
    });
  });
});

describe("describeBody", () => {
  it("truncates long bodies to about 500 characters on one line", () => {
    const described = describeBody(`<html>\n${"x".repeat(2000)}\n</html>`);
    expect(described).toHaveLength(501);
    expect(described?.endsWith("…")).toBe(true);
    expect(described).not.toContain("\n");
  });

  it("reads a bare {message} and tolerates odd error entries", () => {
    expect(describeBody('{"status":500,"message":"Internal error"}')).toBe("Internal error");
    expect(describeBody('{"errors":[{"message":"no code"},null,{"code":"X"}]}')).toBe("no code; X");
    expect(describeBody("   ")).toBeUndefined();
  });
});

describe("httpError", () => {
  it("classifies statuses", () => {
    const kinds = [401, 403, 404, 409, 400, 405, 429, 500, 504].map((s) => httpError("op", s, "", 1).kind);
    expect(kinds).toEqual([
      "auth",
      "auth",
      "not-found",
      "conflict",
      "validation",
      "validation",
      "unavailable",
      "unavailable",
      "unavailable",
    ]);
  });
});
