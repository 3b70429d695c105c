/**
 * A repository's own `.github/jfrog-oidc.yml` can only narrow what the org policy grants: a widening is refused and
 * reported (the org value applies), an invalid file stops every write for that repository, `enabled: false` opts
 * out. And the onboarding PR is opened once: not again after a person closed it, not when the workflow is there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { mappingsFor, requestMark, requestsSince, testWorld, WORKFLOW_PATH } from "./helpers.js";
import { jfrogAdmin, jfrogWritesSince, logged } from "./jfrog-admin.js";

const CONFIG = ".github/jfrog-oidc.yml";

let world: World;
beforeAll(async () => {
  world = await testWorld({ secrets: { privateKey: appKeyPair().privateKey } });
});
afterAll(() => world.close());

async function created(name: string, files: Record<string, string> = { "package.json": "{}\n" }) {
  world.github.createRepository({ owner: "acme", name, files });
  await world.settle();
  return world.github.repository("acme", name);
}

/** GitHub's writes since `mark`, GraphQL reads left out (the one GraphQL write, the commit, shows as its branch). */
const githubWrites = (mark: ReturnType<typeof requestMark>) =>
  requestsSince(world, mark).github.filter((r) => !r.startsWith("GET ") && r !== "POST /api/graphql");

describe("a repository's own config", () => {
  it("that tries to widen the scope is refused, reported on a check run, and the org policy applies", async () => {
    const repo = await created("widener", {
      "package.json": "{}\n",
      [CONFIG]:
        "token:\n  scope: user\n  username: admin\npriority: 1\nclaims:\n  ref: [refs/heads/*]\n  environment: [production]\n",
    });

    const [mapping] = mappingsFor(world, repo);
    expect(mapping?.priority).toBe(100);
    expect(mapping?.token_spec.scope).toBe('applied-permissions/groups:"ci-readers"');
    expect(mapping?.claims.ref).toBe("refs/heads/main");
    expect(mapping?.claims.environment).toBe("production"); // narrowing is honoured

    expect(repo.checkRuns).toEqual([
      expect.objectContaining({
        name: "jfrog-oidc config",
        conclusion: "neutral",
        headSha: repo.branches.main,
      }),
    ]);
    expect(repo.checkRuns[0]?.summary?.split("\n")).toEqual([
      "- `acme/widener:.github/jfrog-oidc.yml: token: can only be set in the org policy; the org value applies`",
      "- `acme/widener:.github/jfrog-oidc.yml: priority: can only be set in the org policy; the org value applies`",
      "- `acme/widener:.github/jfrog-oidc.yml: claims.ref: refs/heads/* not allowed by the org policy (allowed: $default); the org value applies`",
    ]);
    const warning = logged(world).find((l) => l.msg === "repository config problems");
    expect(warning?.problems).toHaveLength(3);
    expect(repo.pulls).toHaveLength(1);
  });

  it("that is invalid stops every write for the repository and says which field", async () => {
    const from = world.jfrog.requests.length;
    const repo = await created("broken", { "package.json": "{}\n", [CONFIG]: "enabled: nope\n" });

    expect(jfrogWritesSince(world, from)).toEqual([]);
    expect(repo.pulls).toEqual([]);
    expect(repo.checkRuns).toEqual([
      expect.objectContaining({ conclusion: "failure", headSha: repo.branches.main }),
    ]);
    expect(repo.checkRuns[0]?.summary).toBe(
      "- `acme/broken:.github/jfrog-oidc.yml: enabled: Invalid input: expected boolean, received string`",
    );
  });

  it("that opts out removes the app's mapping and closes the open PR when pushed", async () => {
    const before = await created("leaver");
    expect(mappingsFor(world, before)).toHaveLength(1);

    world.github.push({
      owner: "acme",
      repo: "leaver",
      files: { [CONFIG]: "enabled: false\n" },
      as: "octocat",
    });
    await world.settle();

    const repo = world.github.repository("acme", "leaver");
    expect(mappingsFor(world, repo)).toEqual([]);
    expect(repo.pulls.map((p) => [p.state, p.merged])).toEqual([["closed", false]]);
    expect(repo.comments.map((c) => c.body)).toEqual([
      expect.stringMatching(/^Closing: the repository opted out/),
    ]);
  });

  it("never touches a mapping it does not own", async () => {
    const repo = world.github.createRepository({ owner: "acme", name: "claimed", announce: false });
    const handMade = {
      name: `gh-o${repo.ownerId}-r${repo.id}`,
      description: "made by hand",
      priority: 1,
      claims: { repository: "acme/claimed" },
      token_spec: { scope: "applied-permissions/admin" },
    };
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", handMade);
    const from = world.jfrog.requests.length;
    await world.github.webhooks.send("repository", world.github.repositoryCreatedPayload("acme", "claimed"));
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([]);
    expect(world.github.repository("acme", "claimed").pulls).toEqual([]);
    expect(mappingsFor(world, repo)).toEqual([expect.objectContaining(handMade)]);
  });
});

describe("the onboarding PR", () => {
  it("closed without merging is not reopened, and the mapping is still kept in shape", async () => {
    const repo = await created("decliner");
    world.github.closePullRequest("acme", "decliner", 1, "octocat");
    await jfrogAdmin(world, "DELETE", `/github-acme/identity_mappings/gh-o${repo.ownerId}-r${repo.id}`);
    await world.settle();

    // Planned again (the same event once more): the mapping comes back, the declined PR stays closed.
    await world.github.webhooks.send("repository", world.github.repositoryCreatedPayload("acme", "decliner"));
    await world.settle();
    const after = world.github.repository("acme", "decliner");
    expect(after.pulls.map((p) => p.state)).toEqual(["closed"]);
    expect(mappingsFor(world, after)).toHaveLength(1);
    const done = logged(world)
      .filter((l) => l.msg === "repository reconciled" && String(l.repository).endsWith("decliner"))
      .at(-1);
    expect(String(done?.notes)).toMatch(/declined/);
  });

  it("is not opened when the workflow is already on the default branch", async () => {
    const mark = requestMark(world);
    const repo = await created("self-served", { "package.json": "{}\n", [WORKFLOW_PATH]: "name: mine\n" });
    expect(repo.pulls).toEqual([]);
    expect(githubWrites(mark)).toEqual([]);
  });
});
