/**
 * A repository's life after onboarding, as its admins change it on GitHub: renamed, default branch changed,
 * archived, deleted (and its name taken again), taken out of the installation. The mapping follows each change,
 * or goes; a mapping made by hand is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { mappingsFor, requestMark, requestsSince, testWorld } from "./helpers.js";
import { jfrogAdmin, jfrogWritesSince, logged } from "./jfrog-admin.js";

const MAPPINGS = "/access/api/v1/oidc/github-acme/identity_mappings";
const secrets = { privateKey: appKeyPair().privateKey };

let world: World;
beforeAll(async () => {
  world = await testWorld({ secrets });
});
afterAll(() => world.close());

/** A new repository of the org, onboarded (mapping and PR) before the test changes it. */
async function onboarded(name: string) {
  world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
  await world.settle();
  const repo = world.github.repository("acme", name);
  expect(mappingsFor(world, repo)).toHaveLength(1);
  return { repo, mapping: `gh-o${repo.ownerId}-r${repo.id}`, from: world.jfrog.requests.length };
}

describe("repository.renamed", () => {
  it("keeps the mapping's name and pinned ids; its repository claim follows the new name", async () => {
    const { repo, mapping, from } = await onboarded("old-name");
    world.github.renameRepository("acme", "old-name", "new-name");
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([`PUT ${MAPPINGS}/${mapping}`]);
    expect(mappingsFor(world, repo)).toEqual([
      expect.objectContaining({
        name: mapping,
        claims: expect.objectContaining({
          repository: "acme/new-name",
          repository_id: String(repo.id),
          repository_owner_id: String(repo.ownerId),
        }),
      }),
    ]);
  });
});

describe("repository.edited", () => {
  it("with a new default branch moves the mapping's $default ref claim", async () => {
    const { repo, mapping, from } = await onboarded("trunk-based");
    expect(mappingsFor(world, repo)[0]?.claims.ref).toBe("refs/heads/main");
    world.github.push({ owner: "acme", repo: "trunk-based", branch: "trunk", files: { "a.txt": "a\n" } });
    world.github.setDefaultBranch("acme", "trunk-based", "trunk");
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([`PUT ${MAPPINGS}/${mapping}`]);
    expect(mappingsFor(world, repo)[0]?.claims.ref).toBe("refs/heads/trunk");
  });

  it("without a default-branch change queues nothing", async () => {
    world.github.createRepository({ owner: "acme", name: "described", announce: false });
    const mark = requestMark(world);
    const edited = {
      ...world.github.repositoryCreatedPayload("acme", "described"),
      action: "edited",
      changes: { description: { from: "old" } },
    };
    expect(await world.github.webhooks.send("repository", edited)).toMatchObject({ statusCode: 200 });
    await world.settle();

    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
    expect(logged(world).map((l) => l.msg)).toContain(
      "repository edit ignored: the default branch did not change",
    );
  });
});

describe("repository.archived", () => {
  it("removes the mapping and leaves the now read-only PR alone", async () => {
    const { repo, mapping, from } = await onboarded("retired");
    const mark = requestMark(world);
    world.github.archiveRepository("acme", "retired");
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([`DELETE ${MAPPINGS}/${mapping}`]);
    expect(mappingsFor(world, repo)).toEqual([]);
    expect(world.github.repository("acme", "retired").pulls.map((p) => p.state)).toEqual(["open"]);
    const githubWrites = requestsSince(world, mark).github.filter(
      (r) => !r.startsWith("GET ") && r !== "POST /api/graphql",
    );
    expect(githubWrites).toEqual([]);
  });
});

describe("repository.deleted", () => {
  it("removes the app's mapping, so the repository's tokens are refused from then on", async () => {
    const { repo, mapping, from } = await onboarded("doomed");
    const token = await world.mintIdToken({ repo: "doomed" });
    expect((await world.exchange(token)).status).toBe(200);
    world.github.deleteRepository("acme", "doomed");
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([`DELETE ${MAPPINGS}/${mapping}`]);
    expect(mappingsFor(world, repo)).toEqual([]);
    expect((await world.exchange(token)).status).toBe(401);
  });

  it("when the name is taken again at once: the old mapping goes, and the newcomer is not admitted by it", async () => {
    const { repo: old, mapping, from } = await onboarded("reborn");
    world.github.deleteRepository("acme", "reborn");
    // Created before the deletion's webhook arrives, without a webhook of its own: the app reads the name
    // and finds another repository (another id) behind it.
    const newcomer = world.github.createRepository({ owner: "acme", name: "reborn", announce: false });
    await world.settle();

    expect(newcomer.id).not.toBe(old.id);
    expect(jfrogWritesSince(world, from)).toEqual([`DELETE ${MAPPINGS}/${mapping}`]);
    expect(mappingsFor(world, old)).toEqual([]);
    expect(mappingsFor(world, newcomer)).toEqual([]);
    expect(world.github.repository("acme", "reborn").pulls).toEqual([]);
    const answer = await world.exchange(await world.mintIdToken({ repo: "reborn" }));
    expect(answer.status).toBe(401);
  });

  it("never deletes a mapping made by hand, even with the app's name for that repository", async () => {
    const repo = world.github.createRepository({ owner: "acme", name: "by-hand", announce: false });
    const name = `gh-o${repo.ownerId}-r${repo.id}`;
    const handMade = {
      name,
      description: "made by the JFrog admin",
      priority: 1,
      claims: { repository: "acme/by-hand" },
      token_spec: { scope: "applied-permissions/groups:readers" },
    };
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", handMade);
    const from = world.jfrog.requests.length;
    world.github.deleteRepository("acme", "by-hand");
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([]);
    expect(mappingsFor(world, repo)).toEqual([expect.objectContaining(handMade)]);
  });
});

describe("installation_repositories.removed", () => {
  it("keeps the mapping by default (rollout.onUninstall: keep)", async () => {
    const { repo, from } = await onboarded("left-out");
    world.github.removeFromInstallation("acme", "left-out");
    await world.settle();

    expect(jfrogWritesSince(world, from)).toEqual([]);
    expect(mappingsFor(world, repo)).toHaveLength(1);
    expect(logged(world).map((l) => l.msg)).toContain(
      "repository removed from the installation: its mapping is kept (rollout.onUninstall: keep)",
    );
  });

  it("removes the app's mapping when the policy says rollout.onUninstall: remove", async () => {
    const other = await testWorld({
      secrets,
      policy: { ...defaultPolicy(), rollout: { onUninstall: "remove" } },
    });
    try {
      other.github.createRepository({ owner: "acme", name: "left-out", files: { "package.json": "{}\n" } });
      await other.settle();
      const repo = other.github.repository("acme", "left-out");
      const mapping = `gh-o${repo.ownerId}-r${repo.id}`;
      expect(mappingsFor(other, repo)).toHaveLength(1);
      const from = other.jfrog.requests.length;
      other.github.removeFromInstallation("acme", "left-out");
      await other.settle();

      expect(jfrogWritesSince(other, from)).toEqual([`DELETE ${MAPPINGS}/${mapping}`]);
      expect(mappingsFor(other, repo)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
