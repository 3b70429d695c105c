/** A delivery not signed with the webhook secret is refused at the door, and nothing is read or written. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { testWorld } from "./helpers.js";

let world: World;
beforeAll(async () => {
  world = await testWorld();
});
afterAll(() => world.close());

it("answers 400 to a wrong or missing signature and touches neither GitHub nor JFrog", async () => {
  world.github.createRepository({
    owner: "acme",
    name: "target",
    files: { "package.json": "{}\n" },
    announce: false,
  });
  const payload = world.github.repositoryCreatedPayload("acme", "target");
  const githubBefore = world.github.requests.length;
  const jfrogBefore = world.jfrog.requests.length;

  const forged = await world.github.webhooks.send("repository", payload, {
    secret: "not-the-webhook-secret",
  });
  const unsigned = await world.github.webhooks.send("repository", payload, { signature: null });
  await world.settle();

  expect(forged).toMatchObject({ statusCode: 400, status: "Invalid HTTP Response: 400" });
  expect(unsigned).toMatchObject({ statusCode: 400 });
  expect(world.github.requests.slice(githubBefore)).toEqual([]);
  expect(world.jfrog.requests.slice(jfrogBefore)).toEqual([]);
  expect(world.jfrog.state.mappings).toEqual([]);
  expect(world.github.repository("acme", "target").pulls).toEqual([]);
});

it("still accepts the same payload when GitHub signs it", async () => {
  const payload = world.github.repositoryCreatedPayload("acme", "target");
  const genuine = await world.github.webhooks.send("repository", payload);
  await world.settle();
  expect(genuine).toMatchObject({ status: "OK" });
  expect(world.github.repository("acme", "target").pulls).toHaveLength(1);
});
