import { decodeJwt, generateKeyPair, SignJWT } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { type JFrogEmulator, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import {
  type MintTokenOptions,
  type OidcIssuer,
  startOidcIssuer,
} from "../../src/sandbox/oidc-issuer/index.js";
import { ADMIN_TOKEN, call, githubIntegration, jfrogErrorOf, repoMapping } from "./helpers.js";

const T0 = new Date("2026-03-01T12:00:00Z");
const T0_SECONDS = T0.getTime() / 1000;
const MAPPINGS = "/oidc/github-acme/identity_mappings";
const APP: MintTokenOptions = {
  owner: "acme",
  ownerId: 5,
  repo: "app",
  repoId: 74,
  audience: "jfrog-github",
};

let issuer: OidcIssuer;
let jfrog: JFrogEmulator;

beforeAll(async () => {
  issuer = await startOidcIssuer({ now: () => T0 });
});
afterAll(() => issuer.close());

/** acme/app (id 74) on main, pinned by immutable ids, like the app's own mappings. */
function appMapping(overrides: Partial<IdentityMapping> = {}): IdentityMapping {
  return repoMapping({
    claims: {
      iss: issuer.url,
      repository_id: "74",
      repository_owner_id: "5",
      repository: "acme/app",
      ref: "refs/heads/main",
    },
    ...overrides,
  });
}

beforeEach(async () => {
  jfrog = await startJFrogEmulator({ adminToken: ADMIN_TOKEN, now: () => T0 });
  await call(jfrog.url, "POST", "/oidc", { body: githubIntegration({ issuer_url: issuer.url }) });
  await call(jfrog.url, "POST", MAPPINGS, { body: appMapping() });
});
afterEach(() => jfrog.close());

function exchange(subjectToken: string, extra: Record<string, unknown> = {}, baseUrl = jfrog.url) {
  return call(baseUrl, "POST", "/oidc/token", {
    token: null,
    body: {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      subject_token: subjectToken,
      provider_name: "github-acme",
      provider_type: "GitHub",
      ...extra,
    },
  });
}

describe("token exchange: granted", () => {
  it("grants the mapping's scope to the pinned repository's token", async () => {
    const response = await exchange(await issuer.mintToken(APP));
    expect(response).toEqual({
      status: 200,
      headers: expect.anything(),
      body: {
        access_token: expect.any(String),
        username: "repo:acme/app:ref:refs/heads/main",
        issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
        scope: 'applied-permissions/groups:"readers"',
        expires_in: 600,
        token_type: "Bearer",
      },
    });
    const claims = await jfrog.verifyAccessToken((response.body as { access_token: string }).access_token);
    expect(claims).toMatchObject({
      scp: 'applied-permissions/groups:"readers"',
      sub: expect.stringMatching(/^jfac@.+\/users\/repo:acme\/app:ref:refs\/heads\/main$/),
      aud: "*@*",
      identity_mapping: "gh-repo-74",
      oidc_provider: "github-acme",
      iat: T0_SECONDS,
      exp: T0_SECONDS + 600,
    });
  });

  it("defaults expires_in to 3600 and fills username_pattern from the claims", async () => {
    const spec = { scope: "applied-permissions/user", username_pattern: "gh-{{actor}}" };
    await call(jfrog.url, "PUT", `${MAPPINGS}/gh-repo-74`, { body: appMapping({ token_spec: spec }) });
    const response = await exchange(await issuer.mintToken({ ...APP, actor: "octocat" }));
    expect(response.body).toMatchObject({
      username: "gh-octocat",
      expires_in: 3600,
      scope: "applied-permissions/user",
    });
  });

  it("needs no Authorization header and never records the subject token", async () => {
    const token = await issuer.mintToken(APP);
    expect((await exchange(token)).status).toBe(200);
    expect(jfrog.requests.at(-1)).toEqual({
      method: "POST",
      path: "/access/api/v1/oidc/token",
      query: {},
      status: 200,
      at: expect.any(Number),
    });
    expect(JSON.stringify(jfrog.requests)).not.toContain(token.slice(-20));
  });

  it("fetches discovery and keys through the injected fetch", async () => {
    const fetched: string[] = [];
    const spy = await startJFrogEmulator({
      adminToken: ADMIN_TOKEN,
      now: () => T0,
      fetchImpl: (input, init) => {
        fetched.push(String(input));
        return fetch(input, init);
      },
    });
    try {
      await call(spy.url, "POST", "/oidc", { body: githubIntegration({ issuer_url: issuer.url }) });
      await call(spy.url, "POST", MAPPINGS, { body: appMapping() });
      const response = await exchange(await issuer.mintToken(APP), {}, spy.url);
      expect(response.status).toBe(200);
      expect(fetched).toEqual([
        `${issuer.url}/.well-known/openid-configuration`,
        `${issuer.url}/.well-known/jwks`,
      ]);
    } finally {
      await spy.close();
    }
  });
});

describe("token exchange: denied", () => {
  const noMapping = jfrogErrorOf(
    "UNAUTHORIZED",
    "No identity mapping of OIDC integration 'github-acme' matches the token's claims",
  );

  it("denies another repository's token", async () => {
    const response = await exchange(await issuer.mintToken({ ...APP, repo: "other", repoId: 75 }));
    expect(response).toMatchObject({ status: 401, body: noMapping });
  });

  it("denies a re-created repository: same name, new id", async () => {
    const response = await exchange(await issuer.mintToken({ ...APP, repoId: 9001 }));
    expect(response).toMatchObject({ status: 401, body: noMapping });
  });

  it("denies a ref the mapping excludes", async () => {
    const response = await exchange(await issuer.mintToken({ ...APP, ref: "refs/heads/feature" }));
    expect(response).toMatchObject({ status: 401, body: noMapping });
  });

  it("denies a wrong audience with JFrog's 400 Invalid audience", async () => {
    const response = await exchange(await issuer.mintToken({ ...APP, audience: "https://github.com/acme" }));
    expect(response).toMatchObject({ status: 400, body: jfrogErrorOf("BAD_REQUEST", "Invalid audience") });
  });

  it("denies an expired token", async () => {
    const issuedAt = new Date(T0.getTime() - 600_000);
    const response = await exchange(await issuer.mintToken({ ...APP, issuedAt }));
    expect(response).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /^Token expired at 2026-03-01T11:55:00/),
    });
  });

  it("denies a token that is not valid yet", async () => {
    const issuedAt = new Date(T0.getTime() + 600_000);
    const response = await exchange(await issuer.mintToken({ ...APP, issuedAt }));
    expect(response).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /^Token is not valid before/),
    });
  });

  it("denies a token signed by another issuer's key", async () => {
    const impostor = await startOidcIssuer({ now: () => T0 });
    try {
      const token = await impostor.mintToken({ ...APP, overrides: { iss: issuer.url } });
      expect(await exchange(token)).toMatchObject({
        status: 401,
        body: jfrogErrorOf("UNAUTHORIZED", /^Token signature could not be verified/),
      });
    } finally {
      await impostor.close();
    }
  });

  it("denies a token whose signature does not match the key its kid names", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const genuine = decodeJwt(await issuer.mintToken(APP));
    const forged = await new SignJWT(genuine)
      .setProtectedHeader({ alg: "RS256", kid: issuer.kid })
      .sign(privateKey);
    expect(await exchange(forged)).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", "Token signature verification failed"),
    });
  });

  it("denies a token from outside the integration's organization", async () => {
    await call(jfrog.url, "POST", MAPPINGS, {
      body: repoMapping({ name: "any-repo", claims: { iss: issuer.url } }),
    });
    const response = await exchange(await issuer.mintToken({ ...APP, owner: "evil", ownerId: 666 }));
    expect(response).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /repository_owner 'evil' is not organization 'acme'/),
    });
  });

  it("denies when the integration's issuer_url differs by a trailing slash", async () => {
    await call(jfrog.url, "PUT", "/oidc/github-acme", {
      body: githubIntegration({ issuer_url: `${issuer.url}/` }),
    });
    const response = await exchange(await issuer.mintToken(APP));
    expect(response).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /does not match issuer_url/),
    });
  });

  it("denies when the issuer cannot be reached", async () => {
    const gone = await startOidcIssuer({ now: () => T0 });
    const token = await gone.mintToken(APP);
    await gone.close();
    await call(jfrog.url, "PUT", "/oidc/github-acme", { body: githubIntegration({ issuer_url: gone.url }) });
    const response = await exchange(token);
    expect(response).toMatchObject({
      status: 401,
      body: jfrogErrorOf("UNAUTHORIZED", /^Could not fetch the OIDC configuration/),
    });
  });

  it("answers 400 for an unknown integration", async () => {
    const response = await exchange(await issuer.mintToken(APP), { provider_name: "nope" });
    expect(response).toMatchObject({
      status: 400,
      body: jfrogErrorOf("BAD_REQUEST", "OIDC integration 'nope' not found"),
    });
  });
});

describe("token exchange: mapping selection", () => {
  it("uses the best-priority mapping among those that match", async () => {
    const broad = repoMapping({
      name: "org-wide",
      priority: 1,
      claims: { repository_owner_id: "5" },
      token_spec: { scope: "applied-permissions/user" },
    });
    await call(jfrog.url, "POST", MAPPINGS, { body: broad });
    expect((await exchange(await issuer.mintToken(APP))).body).toMatchObject({
      scope: "applied-permissions/user",
    });
    await call(jfrog.url, "PUT", `${MAPPINGS}/org-wide`, { body: { ...broad, priority: 50 } });
    expect((await exchange(await issuer.mintToken(APP))).body).toMatchObject({
      scope: 'applied-permissions/groups:"readers"',
    });
  });

  it("prefers project mappings when project_key is given, and ignores them otherwise", async () => {
    const projectScope = 'applied-permissions/roles:proj:"Developer"';
    const body = appMapping({ name: "proj-app", priority: 99, token_spec: { scope: projectScope } });
    await call(jfrog.url, "POST", `${MAPPINGS}?project_key=proj`, { body });
    expect((await exchange(await issuer.mintToken(APP), { project_key: "proj" })).body).toMatchObject({
      scope: projectScope,
    });
    expect((await exchange(await issuer.mintToken(APP))).body).toMatchObject({
      scope: 'applied-permissions/groups:"readers"',
    });
  });

  it("falls back to global mappings when no project mapping matches", async () => {
    const response = await exchange(await issuer.mintToken(APP), { project_key: "proj" });
    expect(response.body).toMatchObject({ scope: 'applied-permissions/groups:"readers"' });
  });

  it("narrows to identity_mapping_name when given", async () => {
    await call(jfrog.url, "POST", MAPPINGS, {
      body: repoMapping({ name: "other", claims: { repository_id: "75" } }),
    });
    const response = await exchange(await issuer.mintToken(APP), { identity_mapping_name: "other" });
    expect(response.status).toBe(401);
  });

  it("matches wildcard and array claims end to end", async () => {
    const claims = {
      repository_id: 74,
      ref: ["refs/heads/release/*", "refs/tags/v*"],
      job_workflow_ref: "acme/app/*",
    };
    await call(jfrog.url, "PUT", `${MAPPINGS}/gh-repo-74`, { body: appMapping({ claims }) });
    expect((await exchange(await issuer.mintToken({ ...APP, ref: "refs/tags/v2.0.0" }))).status).toBe(200);
    expect((await exchange(await issuer.mintToken({ ...APP, ref: "refs/heads/release/7" }))).status).toBe(
      200,
    );
    expect((await exchange(await issuer.mintToken({ ...APP, ref: "refs/heads/main" }))).status).toBe(401);
  });
});

describe("token exchange: malformed requests", () => {
  it.each([
    ["a wrong grant_type", { grant_type: "password" }, /^grant_type must be/],
    [
      "a wrong subject_token_type",
      { subject_token_type: "urn:ietf:params:oauth:token-type:jwt" },
      /^subject_token_type must be/,
    ],
    ["no subject_token", { subject_token: undefined }, "subject_token is required"],
    ["no provider_name", { provider_name: undefined }, "provider_name is required"],
    ["a subject_token that is no JWT", { subject_token: "not-a-jwt" }, "subject_token is not a JWT"],
  ])("answers 400 to %s", async (_label, extra, message) => {
    const response = await exchange(await issuer.mintToken(APP), extra);
    expect(response).toMatchObject({ status: 400, body: jfrogErrorOf("BAD_REQUEST", message) });
  });

  it("answers 400 to malformed JSON", async () => {
    const response = await call(jfrog.url, "POST", "/oidc/token", { token: null, rawBody: "{grant_type" });
    expect(response).toMatchObject({
      status: 400,
      body: jfrogErrorOf("BAD_REQUEST", /^Malformed JSON body/),
    });
  });
});
