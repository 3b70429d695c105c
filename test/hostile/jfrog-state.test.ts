/**
 * What the app finds in JFrog before it writes: an integration that does not match the policy stops every write
 * for the org (reported on the `.github` repository's check run); a mapping it does not own is never touched.
 * One org for every case; a JFrog administrator changes the integration or the mappings before each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import type { World } from "../../src/sandbox/world.js";
import { mappingsFor, testWorld } from "../e2e/helpers.js";
import { jfrogAdmin } from "../e2e/jfrog-admin.js";
import { policyInput } from "../fixtures/policy.js";
import { expectRefusedWithCheckRun, logged, refusalMark, writesSince } from "./refused.js";

let world: World;
/** The world starts real HTTP servers: give it the e2e project's time under load. */
beforeAll(async () => {
  world = await testWorld({ policy: policyInput() });
}, 30_000);
afterAll(() => world.close());

/** The integration as the org policy wants it. */
const MATCHING: OidcIntegration = {
  name: "github-acme",
  issuer_url: "https://token.actions.githubusercontent.com",
  provider_type: "GitHub",
  audience: "jfrog-github",
  organization: "acme",
};

let created = 0;
/** A new repository, created quietly; `announce` then tells the app about it. */
function quietRepository() {
  const name = `repo-${++created}`;
  world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" }, announce: false });
  return name;
}
async function announce(name: string) {
  await world.github.webhooks.send("repository", world.github.repositoryCreatedPayload("acme", name));
  await world.settle();
}

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
    ["another organization", { organization: "acme-evil" }, 'is for organization "acme-evil"'],
    ["no organization, not permissive", { organization: "" }, 'is for organization ""'],
    [
      "another provider type",
      { provider_type: "Generic OpenID Connect" },
      'has provider type "Generic OpenID Connect"',
    ],
  ] as Array<[string, Partial<OidcIntegration>, string]>)(
    "with %s stops every write for the org",
    async (_class, overrides, problem) => {
      const integration = { ...MATCHING, ...overrides };
      // JFrog refuses to store a GitHub integration without an organization (unless permissive); one that holds
      // it anyway (an older JFrog, a hand-edited database) is served by a fault answering the app's read of it.
      const stored = integration.organization !== "";
      if (stored) await jfrogAdmin(world, "PUT", "/github-acme", integration);
      const served = stored
        ? undefined
        : world.jfrog.faults.add({
            method: "GET",
            pathPattern: /^\/access\/api\/v1\/oidc\/github-acme$/,
            status: 200,
            body: integration,
          });
      const name = quietRepository();
      const mark = refusalMark(world, ".github");
      await announce(name);
      if (served) expect(served.hits).toBeGreaterThan(0);
      served?.remove();
      expect(world.github.repository("acme", name).pulls).toEqual([]);
      expectRefusedWithCheckRun(world, mark, [
        'provider: the JFrog OIDC integration "github-acme" ',
        problem,
      ]);
    },
  );

  it("that is missing (manage: verify) says how to create it", async () => {
    await jfrogAdmin(world, "DELETE", "/github-acme");
    const name = quietRepository();
    const mark = refusalMark(world, ".github");
    await announce(name);
    expectRefusedWithCheckRun(world, mark, ["does not exist: create it in JFrog"]);
  });
});

describe("a mapping under the app's name that the app does not own", () => {
  beforeAll(() => jfrogAdmin(world, "POST", "", MATCHING));

  it.each([
    ["made by hand", "made by hand"],
    ["carrying the marker, but not at the start", "copied from [jfrog-oidc-rollout] GitHub Actions of …"],
    ["carrying a look-alike marker", "[jfrog-oidc-rollout ] GitHub Actions of …"],
  ])("%s is left alone and no PR relies on it", async (_class, description) => {
    const name = quietRepository();
    const repo = world.github.repository("acme", name);
    const mapping = `gh-o${repo.ownerId}-r${repo.id}`;
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", {
      name: mapping,
      description,
      claims: { repository: `acme/${name}` },
      token_spec: { scope: "applied-permissions/admin" },
    });
    const handMade = mappingsFor(world, repo);
    const mark = refusalMark(world, name);
    await announce(name);

    expect(writesSince(world, mark)).toEqual({ github: [], jfrog: [] });
    expect(mappingsFor(world, repo)).toEqual(handMade);
    expect(handMade).toEqual([expect.objectContaining({ description })]);
    const done = logged(world, mark, "repository already as desired");
    expect(done.map((l) => String(l.notes))).toEqual([
      expect.stringContaining(`a JFrog identity mapping named ${mapping} exists that this app does not own`),
    ]);
  });
});
