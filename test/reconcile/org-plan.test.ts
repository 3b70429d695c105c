/**
 * The org plan (pure): the org's JFrog OIDC integration as read, against the policy. Nothing to do when it matches;
 * one create with exactly the policy's fields when it is missing and the app manages it; refused, with the reasons,
 * when it is missing and not the app's to create, or differs (never overwritten, even a managed one).
 */
import { describe, expect, it } from "vitest";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import { describeOrgAction, describeOrgPlan, planOrg } from "../../src/reconcile/org-plan.js";
import { policy } from "../fixtures/policy.js";

const named = (name: string) => policy({ provider: { name, audience: "jfrog-github" } });
const managed = (name: string) => policy({ provider: { name, audience: "jfrog-github", manage: "create" } });

/** The integration a JFrog admin made for acme, as JFrog returns it. */
const existing = (overrides: Partial<OidcIntegration> = {}): OidcIntegration => ({
  name: "github-acme",
  issuer_url: "https://token.actions.githubusercontent.com",
  provider_type: "GitHub",
  audience: "jfrog-github",
  organization: "acme",
  description: "made by hand",
  ...overrides,
});

describe("planOrg", () => {
  it("has nothing to do when the integration exists and matches, whoever made it", () => {
    const planned = planOrg({ org: "acme", policy: managed("github-acme"), integration: existing() });
    expect(planned).toEqual({
      org: "acme",
      provider: "github-acme",
      state: "integration-matches",
      actions: [],
    });
    expect(describeOrgPlan(planned)).toBe(
      'the JFrog OIDC integration "github-acme" exists and matches the org policy',
    );
  });

  it("plans one create with exactly the policy's fields when a managed integration is missing", () => {
    const planned = planOrg({ org: "acme", policy: managed("github-new"), integration: null });
    expect(planned).toEqual({
      org: "acme",
      provider: "github-new",
      state: "create-integration",
      actions: [
        {
          kind: "create-integration",
          integration: {
            name: "github-new",
            issuer_url: "https://token.actions.githubusercontent.com",
            provider_type: "GitHub",
            audience: "jfrog-github",
            organization: "acme",
            description: "[jfrog-oidc-rollout] GitHub Actions of the acme organization",
          },
        },
      ],
    });
    expect(describeOrgPlan(planned)).toBe(
      'the JFrog OIDC integration "github-new" will be created (provider.manage: create)',
    );
    expect(planned.actions.map(describeOrgAction)).toEqual([
      'create the JFrog OIDC integration "github-new" (provider type GitHub, issuer ' +
        "https://token.actions.githubusercontent.com, audience jfrog-github, organization acme)",
    ]);
  });

  it("creates a project's integration in that project", () => {
    const inProject = policy({
      provider: { name: "github-new", audience: "jfrog-github", manage: "create" },
      projectKey: "ci1",
      token: { scope: "roles", roles: ["Developer"], username: "ci" },
    });
    const [action] = planOrg({ org: "acme", policy: inProject, integration: null }).actions;
    expect(action?.integration.project_key).toBe("ci1");
    expect(action && describeOrgAction(action)).toMatch(/, project ci1\)$/);
  });

  it("refuses a missing integration the policy does not manage, saying how to create it", () => {
    const planned = planOrg({ org: "acme", policy: named("github-missing"), integration: null });
    expect(planned).toEqual({
      org: "acme",
      provider: "github-missing",
      state: "refused",
      problems: [
        'the JFrog OIDC integration "github-missing" does not exist: create it in JFrog (provider type GitHub, ' +
          "issuer https://token.actions.githubusercontent.com, audience jfrog-github, organization acme) or set provider.manage: create",
      ],
      actions: [],
    });
  });

  it("refuses an integration that differs, even a managed one, naming each difference and writing nothing", () => {
    const planned = planOrg({
      org: "acme",
      policy: managed("github-acme"),
      integration: existing({ audience: "something-else", organization: "other" }),
    });
    expect(planned.state).toBe("refused");
    expect(planned.actions).toEqual([]);
    expect(planned.state === "refused" && planned.problems).toEqual([
      expect.stringContaining('has audience "something-else", the policy says "jfrog-github"'),
      'the JFrog OIDC integration "github-acme" is for organization "other", expected "acme"',
    ]);
    expect(describeOrgPlan(planned)).toMatch(/^JFrog and the org policy differ: the JFrog OIDC integration/);
  });
});
