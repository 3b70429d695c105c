/**
 * The org policy (`acme/.github:.github/jfrog-oidc.yml`) as org owners push it: invalid stops every write for the
 * org and is reported once on the policy's commit (again when it comes back after a fix), missing leaves the org
 * alone, `_extends` is followed, and the JFrog integration it names is verified (or created, with manage: create)
 * before the first mapping.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { bodiesSent, mappingsFor, requestMark, requestsSince, testWorld } from "./helpers.js";
import { jfrogAdmin, jfrogWritesSince, logged } from "./jfrog-admin.js";

const POLICY = ".github/jfrog-oidc.yml";
const BROKEN = "provider:\n  name: github-acme\ntoken:\n  scope: groups\n";

let world: World;
beforeEach(async () => {
  world = await testWorld({ secrets: { privateKey: appKeyPair().privateKey } });
});
afterEach(() => world.close());

/** An org owner pushes the policy (null deletes it); the org scan it sets off has run when this returns. */
async function pushPolicy(text: string | null) {
  const commit = world.github.push({
    owner: "acme",
    repo: ".github",
    files: { [POLICY]: text },
    as: "octocat",
  });
  await world.settle();
  return commit;
}

async function created(name: string) {
  world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
  await world.settle();
  return world.github.repository("acme", name);
}

const policyRuns = () =>
  world.github.repository("acme", ".github").checkRuns.filter((r) => r.name === "jfrog-oidc config");

describe("the org policy", () => {
  it("when invalid stops all writes for the org and fails one check run on the policy file's commit", async () => {
    const commit = await pushPolicy(BROKEN);
    const mark = requestMark(world);
    const repo = await created("app");
    await created("other");

    expect(requestsSince(world, mark).jfrog).toEqual([]);
    expect(repo.pulls).toEqual([]);
    const runs = policyRuns();
    expect(runs).toHaveLength(1); // reported once, not per repository
    expect(runs[0]).toMatchObject({ conclusion: "failure", headSha: commit });
    expect(runs[0]?.summary?.split("\n")).toEqual([
      "- `acme/.github:.github/jfrog-oidc.yml: provider.audience: Invalid input: expected string, received undefined`",
      "- `acme/.github:.github/jfrog-oidc.yml: token.groups: is required when scope is groups`",
    ]);
    expect(
      logged(world).some((l) => l.level === 50 && l.msg.startsWith("The JFrog OIDC org policy is invalid")),
    ).toBe(true);
  });

  it("follows Probot's _extends: the org file wins over the base it extends", async () => {
    world.github.createRepository({
      owner: "acme",
      name: "policies",
      files: {
        [POLICY]:
          "provider: { name: github-acme, audience: jfrog-github }\ntoken: { scope: user, username: base }\npriority: 7\n",
      },
      announce: false,
    });
    await pushPolicy("_extends: policies\ntoken:\n  scope: groups\n  groups: [ci-readers]\n");
    const repo = await created("app");

    const [mapping] = mappingsFor(world, repo);
    expect(mapping?.priority).toBe(7);
    expect(mapping?.token_spec.scope).toBe('applied-permissions/groups:"ci-readers"');
    expect(repo.pulls).toHaveLength(1);
  });

  it("broken, fixed, then broken the same way again is reported again", async () => {
    const first = await pushPolicy(BROKEN);
    await pushPolicy(stringify(defaultPolicy()));
    const again = await pushPolicy(BROKEN);
    expect(policyRuns().map((r) => [r.conclusion, r.headSha])).toEqual([
      ["failure", first],
      ["failure", again],
    ]);
  });

  it("when missing leaves the org alone", async () => {
    await pushPolicy(null);
    const mark = requestMark(world);
    const repo = await created("app");

    expect(requestsSince(world, mark).jfrog).toEqual([]);
    const githubWrites = requestsSince(world, mark).github.filter((r) => !r.startsWith("GET "));
    expect(githubWrites).toEqual([]);
    expect(repo.pulls).toEqual([]);
  });
});

describe("the JFrog integration the policy names", () => {
  it("with manage: create is created before the first mapping", async () => {
    await world.close();
    world = await testWorld({
      secrets: { privateKey: appKeyPair().privateKey },
      policy: {
        ...defaultPolicy(),
        provider: { name: "github-acme", audience: "jfrog-github", manage: "create" },
      },
    });
    await jfrogAdmin(world, "DELETE", "/github-acme");
    const from = world.jfrog.requests.length;
    const repo = await created("app");

    expect(jfrogWritesSince(world, from)).toEqual([
      "POST /access/api/v1/oidc",
      "POST /access/api/v1/oidc/github-acme/identity_mappings",
    ]);
    expect(bodiesSent(world, "jfrog", "POST /access/api/v1/oidc", { github: 0, jfrog: from })).toEqual([
      expect.objectContaining({
        name: "github-acme",
        issuer_url: "https://token.actions.githubusercontent.com",
        provider_type: "GitHub",
        audience: "jfrog-github",
        organization: "acme",
      }),
    ]);
    expect(world.jfrog.state.integrations).toEqual([
      expect.objectContaining({
        name: "github-acme",
        issuer_url: "https://token.actions.githubusercontent.com",
        provider_type: "GitHub",
        audience: "jfrog-github",
        organization: "acme",
      }),
    ]);
    expect(repo.pulls).toHaveLength(1);
  });

  it("with manage: verify and no integration says how to create it, and nothing is written", async () => {
    await jfrogAdmin(world, "DELETE", "/github-acme");
    const from = world.jfrog.requests.length;
    const repo = await created("app");

    expect(jfrogWritesSince(world, from)).toEqual([]);
    expect(repo.pulls).toEqual([]);
    expect(policyRuns().at(-1)?.summary).toMatch(
      /does not exist: create it in JFrog \(provider type GitHub, issuer https:\/\/token.actions.githubusercontent.com, audience jfrog-github, organization acme\) or set provider.manage: create/,
    );
  });
});
