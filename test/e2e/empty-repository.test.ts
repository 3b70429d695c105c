/** An empty repository gets its mapping at once; its PR waits for the first push to the default branch. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import {
  addedFiles,
  mappingsFor,
  ONBOARDING_BRANCH,
  requestMark,
  requestsSince,
  testWorld,
  WORKFLOW_PATH,
} from "./helpers.js";

let world: World;
let start: ReturnType<typeof requestMark>;
beforeAll(async () => {
  world = await testWorld();
  start = requestMark(world);
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
  // The workflow is chosen by what the first push brought (a Go module).
  expect(addedFiles(fresh)[WORKFLOW_PATH]).toContain("jf go");
  expect(fresh.log(ONBOARDING_BRANCH)[1]?.oid).toBe(head);
  // The mapping made before the push stands: JFrog got one write in all.
  expect(requestsSince(world, start).jfrog.filter((r) => !r.startsWith("GET "))).toEqual([
    "POST /access/api/v1/oidc/github-acme/identity_mappings",
  ]);
  // The mapping was made for `main` before the first push; it still names the branch the push created.
  expect(mappingsFor(world, fresh)[0]?.claims.ref).toBe("refs/heads/main");
});

it("does not open a second PR when more pushes follow", async () => {
  world.github.push({ owner: "acme", repo: "fresh", files: { "main.go": "package main\n" } });
  await world.settle();
  expect(world.github.repository("acme", "fresh").pulls).toHaveLength(1);
});

it("does not even look at pushes to other branches, or at pushes that touch neither its config nor workflows", async () => {
  const mark = requestMark(world);
  world.github.push({ owner: "acme", repo: "fresh", branch: "feature", files: { "x.go": "package x\n" } });
  world.github.push({ owner: "acme", repo: "fresh", files: { "src/index.go": "package src\n" } });
  await world.settle();
  expect(world.github.webhooks.deliveries.slice(-2)).toEqual([
    expect.objectContaining({ event: "push", status: "OK" }),
    expect.objectContaining({ event: "push", status: "OK" }),
  ]);
  expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
});
