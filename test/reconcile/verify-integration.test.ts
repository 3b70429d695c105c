/**
 * What the policy asks of the org's JFrog OIDC integration, and how an existing one differs (the org plan,
 * org-plan.ts, decides from these; see org-plan.test.ts).
 */
import { describe, expect, it } from "vitest";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import { desiredIntegration, integrationMismatches } from "../../src/reconcile/verify-integration.js";
import { policy } from "../fixtures/policy.js";

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
