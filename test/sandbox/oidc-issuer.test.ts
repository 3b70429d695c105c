import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CONDITIONAL_CLAIMS,
  GITHUB_CLAIMS,
  type OidcIssuer,
  startOidcIssuer,
} from "../../src/sandbox/oidc-issuer/index.js";

const T0 = new Date("2026-03-01T12:00:00Z");
const T0_SECONDS = T0.getTime() / 1000;

let issuer: OidcIssuer;
beforeEach(async () => {
  issuer = await startOidcIssuer({ now: () => T0 });
});
afterEach(() => issuer.close());

const base = { owner: "acme", ownerId: 5, repo: "app", repoId: 74, audience: "jfrog-github" };

describe("OIDC issuer", () => {
  it("binds 127.0.0.1 on an OS-chosen port", () => {
    expect(issuer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves a discovery document naming itself and its JWKS", async () => {
    const config = (await (await fetch(`${issuer.url}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    expect(config).toMatchObject({
      issuer: issuer.url,
      jwks_uri: `${issuer.url}/.well-known/jwks`,
      id_token_signing_alg_values_supported: ["RS256"],
    });
    const jwks = (await (await fetch(config.jwks_uri)).json()) as { keys: object[] };
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: "RSA", kid: issuer.kid, alg: "RS256", use: "sig" }),
    ]);
    expect(jwks.keys[0]).not.toHaveProperty("d"); // public half only
  });

  it("answers 404 elsewhere and 405 to writes", async () => {
    expect((await fetch(`${issuer.url}/nothing`)).status).toBe(404);
    expect((await fetch(`${issuer.url}/.well-known/jwks`, { method: "POST" })).status).toBe(405);
  });

  it("mints a GitHub-shaped token, verifiable with its JWKS, ids as strings", async () => {
    const token = await issuer.mintToken(base);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "RS256", typ: "JWT", kid: issuer.kid });
    const jwks = createRemoteJWKSet(new URL(`${issuer.url}/.well-known/jwks`));
    const { payload } = await jwtVerify(token, jwks, {
      issuer: issuer.url,
      audience: "jfrog-github",
      currentDate: T0,
    });
    expect(payload).toEqual({
      iss: issuer.url,
      aud: "jfrog-github",
      sub: "repo:acme/app:ref:refs/heads/main",
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nbf: T0_SECONDS,
      iat: T0_SECONDS,
      exp: T0_SECONDS + 300,
      ref: "refs/heads/main",
      ref_type: "branch",
      sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      repository: "acme/app",
      repository_id: "74",
      repository_owner: "acme",
      repository_owner_id: "5",
      repository_visibility: "private",
      actor: "acme",
      actor_id: "5",
      workflow: "jfrog-oidc",
      workflow_ref: "acme/app/.github/workflows/jfrog-oidc.yml@refs/heads/main",
      workflow_sha: payload.sha,
      job_workflow_ref: "acme/app/.github/workflows/jfrog-oidc.yml@refs/heads/main",
      job_workflow_sha: payload.sha,
      event_name: "push",
      head_ref: "",
      base_ref: "",
      run_id: "4000000001",
      run_number: "1",
      run_attempt: "1",
      runner_environment: "github-hosted",
    });
  });

  it("carries every documented claim: the conditional ones only when they apply", async () => {
    const plain = Object.keys(decodeJwt(await issuer.mintToken(base)));
    expect(plain.sort()).toEqual(
      GITHUB_CLAIMS.filter((c) => !(CONDITIONAL_CLAIMS as readonly string[]).includes(c)).sort(),
    );
    const overrides = { enterprise: "acme-ent", enterprise_id: "11" };
    const full = Object.keys(decodeJwt(await issuer.mintToken({ ...base, environment: "prod", overrides })));
    expect(full.sort()).toEqual([...GITHUB_CLAIMS].sort());
  });

  it("names the environment in sub and in its own claim", async () => {
    const token = await issuer.mintToken({
      ...base,
      environment: "prod",
      ref: "refs/tags/v1",
      workflowPath: ".github/workflows/x.yml",
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: "repo:acme/app:environment:prod",
      environment: "prod",
      ref_type: "tag",
      workflow_ref: "acme/app/.github/workflows/x.yml@refs/tags/v1",
    });
  });

  it("honours issuedAt, expiresInSeconds, actor, eventName and overrides", async () => {
    const issuedAt = new Date("2026-01-01T00:00:00Z");
    const token = await issuer.mintToken({
      ...base,
      issuedAt,
      expiresInSeconds: 60,
      actor: "octocat",
      eventName: "pull_request",
      overrides: { repository_visibility: "public", enterprise: "acme-ent" },
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iat: issuedAt.getTime() / 1000,
      exp: issuedAt.getTime() / 1000 + 60,
      actor: "octocat",
      actor_id: expect.stringMatching(/^\d+$/),
      event_name: "pull_request",
      sub: "repo:acme/app:pull_request",
      repository_visibility: "public",
      enterprise: "acme-ent",
    });
    expect(claims.actor_id).not.toBe("5");
  });

  it("gives each issuer its own key", async () => {
    const other = await startOidcIssuer();
    try {
      expect(other.kid).not.toBe(issuer.kid);
      expect(other.url).not.toBe(issuer.url);
    } finally {
      await other.close();
    }
  });
});
