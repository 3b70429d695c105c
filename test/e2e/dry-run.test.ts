/** DRY_RUN=true: the app plans each repository and logs the plan, and writes nothing to JFrog or GitHub. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { bodiesSent, mappingsFor, requestMark, requestsSince, testWorld } from "./helpers.js";
import { logged } from "./jfrog-admin.js";

let world: World;
beforeAll(async () => {
  world = await testWorld({ secrets: { privateKey: appKeyPair().privateKey }, dryRun: true });
});
afterAll(() => world.close());

it("logs the plan and writes nothing to JFrog or GitHub", async () => {
  const mark = requestMark(world);
  world.github.createRepository({ owner: "acme", name: "app", files: { "package.json": "{}\n" } });
  await world.settle();

  const asked = requestsSince(world, mark);
  expect(asked.jfrog.filter((r) => !r.startsWith("GET "))).toEqual([]);
  expect(asked.github.filter((r) => !r.startsWith("GET ") && r !== "POST /api/graphql")).toEqual([]);
  const graphql = bodiesSent(world, "github", "POST /api/graphql", mark) as Array<{ query: string }>;
  expect(graphql.filter((b) => /^\s*mutation\b/.test(b.query))).toEqual([]);
  expect(world.github.usage()["acme/app"]?.contentRequests ?? 0).toBe(0);

  const repo = world.github.repository("acme", "app");
  expect(mappingsFor(world, repo)).toEqual([]);
  expect(repo.pulls).toEqual([]);
  const plan = logged(world).find((l) => l.msg === "dry run: plan logged, nothing written");
  expect(((plan?.actions ?? []) as Array<{ kind: string }>).map((a) => a.kind)).toEqual([
    "create-mapping",
    "open-pull-request",
  ]);
});
