import { describe, expect, it } from "vitest";
import { desiredMapping, isOwnedByApp, tokenSpec } from "../../src/reconcile/desired-mapping.js";
import { mappingDrift } from "../../src/reconcile/mapping-drift.js";
import { policy } from "../fixtures/policy.js";
import { repoFacts } from "../fixtures/repo-facts.js";

describe("desired mapping", () => {
  it("pins the issuer and immutable ids, plus the readable name, and by default only the default branch", () => {
    const mapping = desiredMapping(repoFacts(), policy());
    expect(mapping.name).toBe("gh-o5-r74");
    expect(mapping.claims).toEqual({
      iss: "https://token.actions.githubusercontent.com",
      repository_id: "74",
      repository_owner_id: "5",
      repository: "acme/app",
      ref: "refs/heads/main",
    });
    expect(isOwnedByApp(mapping)).toBe(true);
  });

  it("keeps its name across a rename or transfer (ids, not names)", () => {
    const before = desiredMapping(repoFacts(), policy());
    const after = desiredMapping(repoFacts({ fullName: "other-org/renamed" }), policy());
    expect(after.name).toBe(before.name);
    expect(mappingDrift(before, after)).toEqual([
      expect.stringMatching(/^description: /),
      'claims.repository: "acme/app" → "other-org/renamed"',
    ]);
  });

  it("adds the policy's narrowing claims: default branch, tags, environment and the workflow itself", () => {
    const org = policy({
      claims: { ref: ["$default", "refs/tags/v1"], environment: ["prod"], pinWorkflow: true },
    });
    expect(desiredMapping(repoFacts(), org).claims).toMatchObject({
      ref: ["refs/heads/main", "refs/tags/v1"],
      environment: "prod",
      workflow_ref: [
        "acme/app/.github/workflows/jfrog-oidc.yml@refs/heads/main",
        "acme/app/.github/workflows/jfrog-oidc.yml@refs/tags/v1",
      ],
    });
  });

  it("admits by default exactly the refs the generated workflow runs on: its push branches and tags", () => {
    const org = policy({ workflow: { triggers: { push: ["$default", "release/*"], tags: ["v*"] } } });
    expect(desiredMapping(repoFacts(), org).claims.ref).toEqual([
      "refs/heads/main",
      "refs/heads/release/*",
      "refs/tags/v*",
    ]);
  });

  it("admits every ref only when the policy says `$any`: the mapping then has no ref claim", () => {
    const claims = desiredMapping(repoFacts(), policy({ claims: { ref: ["$any"] } })).claims;
    expect(claims).not.toHaveProperty("ref");
  });

  it.each([
    [
      { scope: "groups", groups: ["a", "b"], expiresIn: 600 },
      undefined,
      { scope: 'applied-permissions/groups:"a","b"', expires_in: 600 },
    ],
    [
      { scope: "user", username: "ci-bot", expiresIn: 60 },
      undefined,
      { scope: "applied-permissions/user", username: "ci-bot", expires_in: 60 },
    ],
    [
      { scope: "roles", roles: ["Developer"], expiresIn: 3600, audience: "jfrt@*" },
      "proj",
      { scope: 'applied-permissions/roles:proj:"Developer"', expires_in: 3600, audience: "jfrt@*" },
    ],
  ] as const)("renders the token spec for %j", (token, project, expected) => {
    expect(tokenSpec({ ...token } as never, project)).toEqual(expected);
  });

  it("treats JFrog's echo of numbers as strings and reordered arrays as no drift", () => {
    const want = desiredMapping(repoFacts(), policy({ claims: { ref: ["refs/heads/a", "refs/heads/b"] } }));
    const echoed = {
      ...want,
      priority: "100" as unknown as number,
      claims: { ...want.claims, ref: ["refs/heads/b", "refs/heads/a"] },
      provider_name: "x",
    };
    expect(mappingDrift(echoed, want)).toEqual([]);
  });
});
