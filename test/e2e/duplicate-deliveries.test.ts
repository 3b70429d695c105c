/**
 * GitHub delivers at least once: the same delivery may arrive twice, and several at the same moment. Every
 * write is idempotent, so the repository ends with one mapping, one branch and one PR.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { mappingsFor, ONBOARDING_BRANCH, testWorld } from "./helpers.js";

let world: World;
beforeAll(async () => {
  world = await testWorld();
});
afterAll(() => world.close());

function onboarded(name: string) {
  const repo = world.github.repository("acme", name);
  return {
    mappings: mappingsFor(world, repo).length,
    branches: Object.keys(repo.branches).sort(),
    pulls: repo.pulls.length,
  };
}

it("handles a redelivered delivery (same GUID) without a second PR", async () => {
  world.github.createRepository({ owner: "acme", name: "twice", files: { "package.json": "{}\n" } });
  await world.settle();
  const first = world.github.webhooks.deliveries.find((d) => d.event === "repository");
  if (!first) throw new Error("no repository.created delivery");

  const again = await world.github.webhooks.redeliver(first.id);
  await world.settle();

  expect(again).toMatchObject({ guid: first.guid, redelivery: true, status: "OK" });
  expect(onboarded("twice")).toEqual({ mappings: 1, branches: [ONBOARDING_BRANCH, "main"], pulls: 1 });
});

it("handles five concurrent deliveries of the same event as one", async () => {
  world.github.createRepository({
    owner: "acme",
    name: "burst",
    files: { "pom.xml": "<project/>\n" },
    announce: false,
  });
  const payload = world.github.repositoryCreatedPayload("acme", "burst");

  const answers = await Promise.all(
    Array.from({ length: 5 }, () => world.github.webhooks.send("repository", payload)),
  );
  await world.settle();

  expect(answers.map((a) => a.status)).toEqual(["OK", "OK", "OK", "OK", "OK"]);
  expect(onboarded("burst")).toEqual({ mappings: 1, branches: [ONBOARDING_BRANCH, "main"], pulls: 1 });
  expect(world.jfrog.state.mappings.filter((m) => m.claims.repository === "acme/burst")).toHaveLength(1);
});
