/**
 * The org's JFrog OIDC integration against the policy, on the JFrog emulator: a match passes; a missing one is a
 * problem that says how to create it, or is created when the policy says `manage: create` (never in a dry run);
 * an existing one is never overwritten, each mismatch is named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import {
  desiredIntegration,
  integrationMismatches,
  verifyIntegration,
} from "../../src/reconcile/verify-integration.js";
import { policy } from "../fixtures/policy.js";
import { askedSince, type EmulatedOrg, emulatedOrg } from "./emulated-org.js";

let edge: EmulatedOrg;
beforeAll(async () => {
  edge = await emulatedOrg();
});
afterAll(() => edge.close());

const named = (name: string) => policy({ provider: { name, audience: "jfrog-github" } });
const managed = (name: string) => policy({ provider: { name, audience: "jfrog-github", manage: "create" } });

describe("verifyIntegration", () => {
  it("passes an integration that matches the policy, reading it once and writing nothing", async () => {
    const from = edge.jfrog.requests.length;
    expect(await verifyIntegration(edge.client, "acme", named("github-acme"), false)).toEqual({ ok: true });
    expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-acme"]);
  });

  it("reports a missing integration with what to create in JFrog, when the policy does not manage it", async () => {
    expect(await verifyIntegration(edge.client, "acme", named("github-missing"), false)).toEqual({
      ok: false,
      problems: [
        'the JFrog OIDC integration "github-missing" does not exist: create it in JFrog (provider type GitHub, ' +
          "issuer https://token.actions.githubusercontent.com, audience jfrog-github, organization acme) or set provider.manage: create",
      ],
    });
  });

  it("only says it would create a managed integration in a dry run", async () => {
    const from = edge.jfrog.requests.length;
    expect(await verifyIntegration(edge.client, "acme", managed("github-dry"), true)).toEqual({
      ok: true,
      note: 'dry run: would create the JFrog OIDC integration "github-dry"',
    });
    expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-dry"]);
    expect(edge.jfrog.state.integrations.map((i) => i.name)).not.toContain("github-dry");
  });

  it("creates a managed integration that is missing, marked as the app's, for this org only", async () => {
    const from = edge.jfrog.requests.length;
    expect(await verifyIntegration(edge.client, "acme", managed("github-made"), false)).toEqual({
      ok: true,
      note: 'created the JFrog OIDC integration "github-made"',
    });
    const created = edge.jfrog.requests.slice(from).find((r) => r.method === "POST");
    expect(created?.body).toEqual({
      name: "github-made",
      issuer_url: "https://token.actions.githubusercontent.com",
      provider_type: "GitHub",
      audience: "jfrog-github",
      organization: "acme",
      description: "[jfrog-oidc-rollout] GitHub Actions of the acme organization",
    });
    // The next check finds it and passes without writing again.
    expect(await verifyIntegration(edge.client, "acme", managed("github-made"), false)).toEqual({ ok: true });
    expect(edge.jfrog.requests.slice(from).filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("never overwrites an integration that differs, even a managed one: it names the difference", async () => {
    const from = edge.jfrog.requests.length;
    const otherAudience = managed("github-acme");
    otherAudience.provider.audience = "something-else";
    const check = await verifyIntegration(edge.client, "acme", otherAudience, false);
    expect(check).toEqual({ ok: false, problems: [expect.stringContaining('has audience "jfrog-github"')] });
    expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-acme"]);
  });

  it("fails when JFrog cannot be read, rather than assume the integration is fine", async () => {
    const fault = edge.jfrog.faults.add({ pathPattern: /\/oidc\/github-acme$/, status: 503, times: 1 });
    await expect(verifyIntegration(edge.client, "acme", named("github-acme"), false)).rejects.toThrow(/503/);
    expect(fault.hits).toBe(1);
  });
});

describe("desiredIntegration", () => {
  it("carries the policy's project when it has one", () => {
    expect(
      desiredIntegration(
        "acme",
        policy({ projectKey: "ci1", token: { scope: "roles", roles: ["Developer"], username: "ci" } }),
      ),
    ).toMatchObject({ project_key: "ci1" });
    expect(desiredIntegration("acme", policy())).not.toHaveProperty("project_key");
  });
});

describe("integrationMismatches", () => {
  const want = desiredIntegration("acme", policy());
  const have = (overrides: Partial<OidcIntegration>): OidcIntegration => ({ ...want, ...overrides });
  const where = 'the JFrog OIDC integration "github-acme"';

  it("finds nothing to say about the integration it would create, nor about the org name's case", () => {
    expect(integrationMismatches(have({}), want)).toEqual([]);
    expect(integrationMismatches(have({ organization: "ACME" }), want)).toEqual([]);
    expect(integrationMismatches(have({ provider_type: "GitHub Enterprise" }), want)).toEqual([]);
  });

  it("names each difference that would make JFrog refuse the generated workflows", () => {
    expect(
      integrationMismatches(
        have({
          issuer_url: "https://example.com",
          provider_type: "Generic OpenID Connect",
          audience: "",
          organization: "other",
        }),
        want,
      ),
    ).toEqual([
      `${where} trusts issuer "https://example.com", the policy expects "https://token.actions.githubusercontent.com"`,
      `${where} has provider type "Generic OpenID Connect", expected "GitHub"`,
      `${where} has audience "", the policy says "jfrog-github": JFrog refuses tokens whose audience differs ("Invalid audience")`,
      `${where} is for organization "other", expected "acme"`,
    ]);
  });

  it("says how to fix an issuer that differs only by a trailing slash", () => {
    expect(
      integrationMismatches(have({ issuer_url: "https://token.actions.githubusercontent.com/" }), want),
    ).toEqual([expect.stringMatching(/\(remove the trailing slash\)$/)]);
  });

  it("accepts an integration for no organization only when JFrog's permissive configuration is on", () => {
    expect(integrationMismatches(have({ organization: "" }), want)).toEqual([
      `${where} is for organization "", expected "acme"`,
    ]);
    expect(
      integrationMismatches(have({ organization: "", enable_permissive_configuration: true }), want),
    ).toEqual([]);
  });
});
