import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JFrogEmulator, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import { ADMIN_TOKEN, call, githubIntegration, jfrogErrorOf, repoMapping } from "./helpers.js";

const MAPPINGS = "/oidc/github-acme/identity_mappings";

let jfrog: JFrogEmulator;
beforeEach(async () => {
  jfrog = await startJFrogEmulator({ adminToken: ADMIN_TOKEN });
  await call(jfrog.url, "POST", "/oidc", { body: githubIntegration() });
});
afterEach(() => jfrog.close());

describe("identity mappings CRUD", () => {
  it("creates, lists (with or without a trailing slash), reads, replaces and deletes a mapping", async () => {
    const created = await call(jfrog.url, "POST", MAPPINGS, { body: repoMapping() });
    const stored = { ...repoMapping(), provider_name: "github-acme" };
    expect(created).toMatchObject({ status: 201, body: stored });

    expect((await call(jfrog.url, "GET", MAPPINGS)).body).toEqual([stored]);
    expect((await call(jfrog.url, "GET", `${MAPPINGS}/`)).body).toEqual([stored]);
    expect((await call(jfrog.url, "GET", `${MAPPINGS}/gh-repo-74`)).body).toEqual(stored);

    const replaced = await call(jfrog.url, "PUT", `${MAPPINGS}/gh-repo-74`, {
      body: repoMapping({ priority: 3 }),
    });
    expect(replaced).toMatchObject({ status: 200, body: { priority: 3 } });

    expect((await call(jfrog.url, "DELETE", `${MAPPINGS}/gh-repo-74`)).status).toBe(204);
    expect(await call(jfrog.url, "GET", `${MAPPINGS}/gh-repo-74`)).toMatchObject({
      status: 404,
      body: jfrogErrorOf(
        "NOT_FOUND",
        "Identity mapping 'gh-repo-74' of OIDC integration 'github-acme' not found",
      ),
    });
  });

  it("answers 409 to a duplicate create", async () => {
    await call(jfrog.url, "POST", MAPPINGS, { body: repoMapping() });
    expect(await call(jfrog.url, "POST", MAPPINGS, { body: repoMapping() })).toMatchObject({
      status: 409,
      body: jfrogErrorOf("CONFLICT", /already exists/),
    });
  });

  it("answers 404 for every call on a missing provider", async () => {
    const calls = [
      call(jfrog.url, "GET", "/oidc/nope/identity_mappings"),
      call(jfrog.url, "POST", "/oidc/nope/identity_mappings", { body: repoMapping() }),
      call(jfrog.url, "GET", "/oidc/nope/identity_mappings/gh-repo-74"),
      call(jfrog.url, "PUT", "/oidc/nope/identity_mappings/gh-repo-74", { body: repoMapping() }),
      call(jfrog.url, "DELETE", "/oidc/nope/identity_mappings/gh-repo-74"),
    ];
    for (const response of await Promise.all(calls)) {
      expect(response).toMatchObject({
        status: 404,
        body: jfrogErrorOf("NOT_FOUND", "OIDC integration 'nope' not found"),
      });
    }
  });

  it("answers 404 to PUT and DELETE of a missing mapping", async () => {
    expect((await call(jfrog.url, "PUT", `${MAPPINGS}/gh-repo-74`, { body: repoMapping() })).status).toBe(
      404,
    );
    expect((await call(jfrog.url, "DELETE", `${MAPPINGS}/gh-repo-74`)).status).toBe(404);
  });

  it("ignores provider_name and project_key in the body: the path and query decide", async () => {
    const body = { ...repoMapping(), provider_name: "elsewhere", project_key: "proj" };
    const created = await call(jfrog.url, "POST", MAPPINGS, { body });
    expect(created.body).toMatchObject({ provider_name: "github-acme" });
    expect(created.body).not.toHaveProperty("project_key");
  });
});

describe("project scoping", () => {
  it("partitions mappings by ?project_key and echoes the key", async () => {
    await call(jfrog.url, "POST", MAPPINGS, { body: repoMapping({ name: "global-one" }) });
    const scoped = await call(jfrog.url, "POST", `${MAPPINGS}?project_key=proj`, {
      body: repoMapping({ name: "proj-one" }),
    });
    expect(scoped.body).toMatchObject({ name: "proj-one", project_key: "proj" });

    const names = async (query: string) =>
      ((await call(jfrog.url, "GET", `${MAPPINGS}${query}`)).body as Array<{ name: string }>).map(
        (m) => m.name,
      );
    expect(await names("")).toEqual(["global-one"]);
    expect(await names("?project_key=proj")).toEqual(["proj-one"]);
    expect(await names("?project_key=other")).toEqual([]);

    expect((await call(jfrog.url, "GET", `${MAPPINGS}/proj-one`)).status).toBe(404);
    expect((await call(jfrog.url, "GET", `${MAPPINGS}/proj-one?project_key=proj`)).status).toBe(200);
    expect((await call(jfrog.url, "DELETE", `${MAPPINGS}/global-one?project_key=proj`)).status).toBe(404);
  });

  it("allows the same mapping name globally and in a project", async () => {
    await call(jfrog.url, "POST", MAPPINGS, { body: repoMapping() });
    expect(
      (await call(jfrog.url, "POST", `${MAPPINGS}?project_key=proj`, { body: repoMapping() })).status,
    ).toBe(201);
    expect(jfrog.state.mappings.map((m) => [m.name, m.project_key])).toEqual([
      ["gh-repo-74", undefined],
      ["gh-repo-74", "proj"],
    ]);
  });

  it("rejects an empty project_key", async () => {
    expect(await call(jfrog.url, "GET", `${MAPPINGS}?project_key=`)).toMatchObject({
      status: 400,
      body: jfrogErrorOf("BAD_REQUEST", "project_key must not be empty"),
    });
  });
});

describe("identity mapping validation", () => {
  const spec = repoMapping().token_spec;
  it.each([
    ["a missing name", { name: undefined }, "name is required"],
    ["a name with a space", { name: "gh repo" }, /without spaces or special characters/],
    ["a name with a special character", { name: "gh/repo" }, /without spaces or special characters/],
    ["missing claims", { claims: undefined }, /claims is required/],
    ["claims as an array", { claims: ["repository"] }, /claims is required and must be a JSON object/],
    ["empty claims", { claims: {} }, "claims must hold at least one claim"],
    ["a claim holding an object", { claims: { repository: { eq: "x" } } }, /claims.repository must be/],
    ["a claim holding an empty array", { claims: { ref: [] } }, /claims.ref must be/],
    ["priority 0", { priority: 0 }, "priority must be an integer ≥ 1"],
    ["a fractional priority", { priority: 1.5 }, "priority must be an integer ≥ 1"],
    ["a string priority", { priority: "1" }, "priority must be an integer ≥ 1"],
    ["a missing token_spec", { token_spec: undefined }, /token_spec is required/],
    ["a token_spec without scope", { token_spec: { expires_in: 60 } }, "token_spec.scope is required"],
    ["an unknown scope", { token_spec: { scope: "admin" } }, /token_spec.scope must be/],
    [
      "expires_in over a day",
      { token_spec: { ...spec, expires_in: 86_401 } },
      /expires_in must be an integer between 1 and 86400/,
    ],
    ["expires_in 0", { token_spec: { ...spec, expires_in: 0 } }, /expires_in must be/],
    [
      "username with username_pattern",
      { token_spec: { ...spec, username: "ci", username_pattern: "{{actor}}" } },
      /cannot be combined/,
    ],
  ])("rejects %s with 400", async (_label, overrides, message) => {
    const response = await call(jfrog.url, "POST", MAPPINGS, { body: { ...repoMapping(), ...overrides } });
    expect(response).toMatchObject({ status: 400, body: jfrogErrorOf("BAD_REQUEST", message) });
    expect(jfrog.state.mappings).toEqual([]);
  });

  it("accepts number and array claim values, wildcards and the maximum expires_in", async () => {
    const body = {
      name: "no-priority",
      claims: { repository_id: 74, ref: ["refs/heads/main", "refs/tags/v*"] },
      token_spec: { scope: 'applied-permissions/roles:proj:"Developer"', expires_in: 86_400 },
    };
    expect(await call(jfrog.url, "POST", MAPPINGS, { body })).toMatchObject({ status: 201, body });
  });
});
