/** Which repositories the org policy puts in scope, and the reason given for each one it leaves out. */
import { describe, expect, it } from "vitest";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import { compileRepositoryGlob } from "../../src/config/repository-glob.js";
import { decideScope } from "../../src/reconcile/scope.js";
import { policy } from "../fixtures/policy.js";
import { repoFacts } from "../fixtures/repo-facts.js";

const decide = (
  repo: Parameters<typeof repoFacts>[0] = {},
  rules: PolicyInput["repositories"] = {},
  optedOut = false,
  disabledByCommand = false,
) => decideScope(repoFacts(repo), policy({ repositories: rules }), optedOut, disabledByCommand);

describe("decideScope", () => {
  it("takes an ordinary private repository by default", () => {
    expect(decide()).toEqual({ inScope: true });
  });

  it.each<[string, Parameters<typeof decide>, string]>([
    [
      "disabled by command",
      [{}, {}, false, true],
      "the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again",
    ],
    [
      "the org's .github repository",
      [{ name: ".github" }],
      "the org's .github repository holds the org policy; `repositories.dotGithub: true` in the policy onboards it",
    ],
    [
      "opted out in its own file",
      [{}, {}, true],
      "the repository opted out (`enabled: false` in its .github/jfrog-oidc.yml)",
    ],
    ["archived", [{ isArchived: true }], "the repository is archived"],
    ["a fork", [{ isFork: true }], "the repository is a fork"],
    [
      "public when only private is listed",
      [{ visibility: "public" }, { visibility: ["private"] }],
      "public repositories are not in the policy's visibility list",
    ],
    [
      "matched by no include",
      [{ name: "web" }, { include: ["svc-*"] }],
      "the repository matches no `repositories.include` pattern",
    ],
    [
      "excluded",
      [{ name: "docs-site" }, { exclude: ["docs-*"] }],
      "the repository matches the exclude pattern `docs-*`",
    ],
  ])("leaves out a repository %s, and says why", (_name, args, reason) => {
    expect(decide(...args)).toEqual({ inScope: false, reason });
  });

  it("takes what the policy opts into: archived, forks, .github, other visibilities", () => {
    expect(decide({ isArchived: true }, { archived: true })).toEqual({ inScope: true });
    expect(decide({ isFork: true }, { forks: true })).toEqual({ inScope: true });
    expect(decide({ name: ".github" }, { dotGithub: true })).toEqual({ inScope: true });
    expect(decide({ visibility: "internal" }, { visibility: ["internal"] })).toEqual({ inScope: true });
  });

  it("gives the command's opt-out first: it outlives everything else and names the way back", () => {
    const reason = (
      decide({ isArchived: true, isFork: true }, { exclude: ["*"] }, true, true) as { reason: string }
    ).reason;
    expect(reason).toContain("/jfrog-oidc setup");
  });

  it("lets an exclude pattern win over an include pattern", () => {
    expect(decide({ name: "svc-legacy" }, { include: ["svc-*"], exclude: ["*-legacy"] })).toEqual({
      inScope: false,
      reason: "the repository matches the exclude pattern `*-legacy`",
    });
  });
});

describe("a compiled repository glob", () => {
  it.each([
    ["svc-*", "svc-payments", true],
    ["svc-*", "SVC-Payments", true], // GitHub's names are case-insensitive
    ["svc-*", "my-svc-payments", false], // anchored at the start…
    ["*-api", "billing-api-v2", false], // …and at the end
    ["app?", "app1", true],
    ["app?", "app12", false],
    ["a.b", "a.b", true],
    ["a.b", "axb", false], // a dot is a dot, not any character
    ["*", "anything.at-all", true],
  ])("%s against %s: %s", (glob, name, matches) => {
    expect(compileRepositoryGlob(glob).matches(name)).toBe(matches);
  });
});
