/** An empty repository gets its mapping at once; its PR waits for the first push to the default branch. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { addedFiles, mappingsFor, ONBOARDING_BRANCH, testWorld, WORKFLOW_PATH } from "./helpers.js";

let world: World;
beforeAll(async () => {
  world = await testWorld();
});
afterAll(() => world.close());

it("registers the mapping but writes nothing to GitHub while the repository is empty", async () => {
  world.github.createRepository({ owner: "acme", name: "fresh" });
  await world.settle();

  const fresh = world.github.repository("acme", "fresh");
  expect(fresh.empty).toBe(true);
  expect(mappingsFor(world, fresh)).toHaveLength(1);
  expect(fresh.pulls).toEqual([]);
  expect(world.github.usage()["acme/fresh"]).toMatchObject({ contentRequests: 0 });
});

it("opens the PR on the first push, based on the pushed commit", async () => {
  const head = world.github.push({
    owner: "acme",
    repo: "fresh",
    files: { "go.mod": "module example.com/fresh\n" },
    message: "First commit",
  });
  await world.settle();

  const pushes = world.github.webhooks.deliveries.filter((d) => d.event === "push");
  expect(pushes[0]).toMatchObject({ status: "OK" });
  expect(pushes[0]?.request.payload).toMatchObject({ ref: "refs/heads/main", created: true, after: head });

  const fresh = world.github.repository("acme", "fresh");
  expect(fresh.pulls).toEqual([
    expect.objectContaining({ number: 1, state: "open", head: ONBOARDING_BRANCH }),
  ]);
  expect(Object.keys(addedFiles(fresh))).toEqual([WORKFLOW_PATH]);
  expect(fresh.log(ONBOARDING_BRANCH)[1]?.oid).toBe(head);
  // The mapping was made for `main` before the first push; it still names the branch the push created.
  expect(mappingsFor(world, fresh)[0]?.claims.ref).toBe("refs/heads/main");
});

it("does not open a second PR when more pushes follow", async () => {
  world.github.push({ owner: "acme", repo: "fresh", files: { "main.go": "package main\n" } });
  await world.settle();
  expect(world.github.repository("acme", "fresh").pulls).toHaveLength(1);
});
