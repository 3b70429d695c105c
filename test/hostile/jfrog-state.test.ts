/**
 * What the app finds in JFrog before it writes: an integration that does not match the policy stops every write
 * for the org (reported on the `.github` repository's check run); a mapping it does not own is never touched.
 */
import { describe, expect, it } from "vitest";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import { fakeRepo } from "../app/fake-github.js";
import { repositoryCreated } from "../app/harness.js";
import { type Harness, seedOrg, useHarness } from "../app/world.js";
import { expectRefusedWithCheckRun } from "./refused-nock.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

const MAPPING = "gh-o38302899-r186853261";

describe("an integration that does not match the policy", () => {
  it.each([
    [
      "another audience",
      { audience: "api://AzureADTokenExchange" },
      'has audience "api://AzureADTokenExchange"',
    ],
    ["no audience", { audience: undefined }, 'has audience ""'],
    ["another issuer", { issuer_url: "https://evil.example" }, 'trusts issuer "https://evil.example"'],
    [
      "the issuer with a trailing slash",
      { issuer_url: "https://token.actions.githubusercontent.com/" },
      "(remove the trailing slash)",
    ],
    ["another organization", { organization: "Octocoders-evil" }, 'is for organization "Octocoders-evil"'],
    ["no organization, not permissive", { organization: "" }, 'is for organization ""'],
    [
      "another provider type",
      { provider_type: "Generic OpenID Connect" },
      'has provider type "Generic OpenID Connect"',
    ],
  ] as Array<[string, Partial<OidcIntegration>, string]>)(
    "with %s stops every write for the org",
    async (_class, overrides, problem) => {
      seedOrg(h);
      h.jfrog.withIntegration(overrides);
      const repo = h.github.add(fakeRepo());
      await h.deliver(repositoryCreated(repo));
      expect(repo.pulls).toEqual([]);
      expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
        'provider: the JFrog OIDC integration "github-acme" ',
        problem,
      ]);
    },
  );

  it("that is missing (manage: verify) says how to create it", async () => {
    seedOrg(h);
    h.jfrog.integrations.clear();
    await h.deliver(repositoryCreated(h.github.add(fakeRepo())));
    expectRefusedWithCheckRun(h, h.github.repo("Octocoders", ".github"), [
      "does not exist: create it in JFrog",
    ]);
  });
});

describe("a mapping under the app's name that the app does not own", () => {
  it.each([
    ["made by hand", "made by hand"],
    ["carrying the marker, but not at the start", "copied from [jfrog-oidc-rollout] GitHub Actions of …"],
    ["carrying a look-alike marker", "[jfrog-oidc-rollout ] GitHub Actions of …"],
  ])("%s is left alone and no PR relies on it", async (_class, description) => {
    seedOrg(h);
    const handMade = {
      name: MAPPING,
      description,
      claims: { repository: "Octocoders/Hello-World" },
      token_spec: { scope: "applied-permissions/admin" },
    };
    h.jfrog.mappings.set(MAPPING, handMade);
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.writes()).toEqual([]);
    expect(h.github.writes()).toEqual([]);
    expect(h.jfrog.mappings.get(MAPPING)).toEqual(handMade);
    const done = h.logs().find((l) => l.msg === "repository already as desired");
    expect(String(done?.notes)).toContain(
      `a JFrog identity mapping named ${MAPPING} exists that this app does not own`,
    );
  });
});
