import { describe, expect, it } from "vitest";
import { claimMatches, mismatchedClaims, selectMapping } from "../../src/jfrog/claim-matching.js";
import type { IdentityMapping } from "../../src/jfrog/types.js";

const TOKEN = {
  iss: "https://token.actions.githubusercontent.com",
  aud: "jfrog-github",
  repository: "acme/app",
  repository_id: "74",
  repository_owner_id: "5",
  ref: "refs/heads/main",
  environment: "prod",
};

function mapping(name: string, claims: IdentityMapping["claims"], priority?: number): IdentityMapping {
  return {
    name,
    claims,
    token_spec: { scope: "applied-permissions/user" },
    ...(priority !== undefined && { priority }),
  };
}

describe("claimMatches", () => {
  it.each([
    ["equal strings", "acme/app", "acme/app", true],
    ["different strings", "acme/app", "acme/other", false],
    ["case differs", "acme/App", "acme/app", false],
    ["a number against its string", 74, "74", true],
    ["a number against another string", 74, "740", false],
    ["a trailing wildcard", "refs/heads/*", "refs/heads/feature/x", true],
    ["a wildcard for an empty run", "refs/heads/main*", "refs/heads/main", true],
    ["a wildcard anchored at both ends", "refs/heads/*", "x/refs/heads/main", false],
    ["an inner wildcard", "acme/*/x.yml@refs/heads/*", "acme/app/x.yml@refs/heads/main", true],
    ["regex characters taken literally", "acme/a.p", "acme/app", false],
    ["a lone wildcard", "*", "", true],
    ["an array: any of", ["refs/heads/main", "refs/tags/v*"], "refs/tags/v1.2", true],
    ["an array: none of", ["refs/heads/main", 74], "refs/heads/dev", false],
    ["an array holding a number", ["1", 74], "74", true],
    ["a missing token claim", "x", undefined, false],
    ["a wildcard against a missing claim", "*", undefined, false],
    ["an object in the token", "x", { x: "x" }, false],
    ["an array claim in the token (aud)", "jfrog", ["other", "jfrog"], true],
  ])("%s", (_label, expected, actual, result) => {
    expect(claimMatches(expected as IdentityMapping["claims"][string], actual)).toBe(result);
  });
});

describe("mismatchedClaims", () => {
  it("names the claims the token does not satisfy", () => {
    expect(
      mismatchedClaims({ repository_id: "74", ref: "refs/heads/dev", environment: "staging" }, TOKEN),
    ).toEqual(["ref", "environment"]);
    expect(mismatchedClaims({ repository_id: 74 }, TOKEN)).toEqual([]);
  });
});

describe("selectMapping", () => {
  it("requires every claim to match", () => {
    const only = mapping("repo", { repository_id: "74", ref: "refs/heads/release" });
    expect(selectMapping([only], TOKEN)).toBeUndefined();
  });

  it("picks the lowest priority number among matching mappings", () => {
    const broad = mapping("broad", { repository_owner_id: "5" }, 5);
    const narrow = mapping("narrow", { repository_id: "74" }, 1);
    const first = mapping("first", { repository_id: "999" }, 0);
    expect(selectMapping([broad, first, narrow], TOKEN)?.name).toBe("narrow");
  });

  it("evaluates mappings without priority last", () => {
    const unprioritised = mapping("a-unprioritised", { repository_id: "74" });
    const late = mapping("z-late", { repository_owner_id: "5" }, 1000);
    expect(selectMapping([unprioritised, late], TOKEN)?.name).toBe("z-late");
  });

  it("breaks priority ties by name, whatever the input order", () => {
    const b = mapping("b", { repository_id: "74" }, 1);
    const a = mapping("a", { repository_owner_id: "5" }, 1);
    expect(selectMapping([b, a], TOKEN)?.name).toBe("a");
    expect(selectMapping([a, b], TOKEN)?.name).toBe("a");
  });

  it("falls through a non-matching better-priority mapping", () => {
    const excluded = mapping("tags-only", { repository_id: "74", ref: "refs/tags/*" }, 1);
    const fallback = mapping("any-ref", { repository_id: "74", ref: ["refs/heads/*", "refs/tags/*"] }, 2);
    expect(selectMapping([excluded, fallback], TOKEN)?.name).toBe("any-ref");
  });

  it("does not reorder its input", () => {
    const input = [mapping("b", { repository_id: "74" }, 2), mapping("a", { repository_id: "74" }, 1)];
    selectMapping(input, TOKEN);
    expect(input.map((m) => m.name)).toEqual(["b", "a"]);
  });

  it("returns undefined for no mappings", () => {
    expect(selectMapping([], TOKEN)).toBeUndefined();
  });
});
