/**
 * GitHub delivers at least once: the same delivery may arrive twice, and several at the same moment. Every
 * write is idempotent, so the repository ends with one mapping, one branch and one PR; a run that failed half-way
 * is finished by the next one without writing twice.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { World } from "../../src/sandbox/world.js";
import {
  bodiesSent,
  mappingsFor,
  ONBOARDING_BRANCH,
  requestMark,
  requestsSince,
  testWorld,
} from "./helpers.js";

const timers = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({ clock: timers, retryDelaysMs: [30_000] });
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

  const mark = requestMark(world);
  const again = await world.github.webhooks.redeliver(first.id);
  await world.settle();

  expect(again).toMatchObject({ guid: first.guid, redelivery: true, status: "OK" });
  expect(onboarded("twice")).toEqual({ mappings: 1, branches: [ONBOARDING_BRANCH, "main"], pulls: 1 });
  // The second run only read: the policy, the repository, the mapping.
  expect(requestsSince(world, mark).jfrog.filter((r) => !r.startsWith("GET "))).toEqual([]);
  expect(requestsSince(world, mark).github.filter((r) => !r.startsWith("GET "))).toEqual([
    "POST /api/graphql",
  ]);
  expect(bodiesSent(world, "github", "POST /api/graphql", mark)).toEqual([
    expect.objectContaining({ query: expect.stringContaining("query ObserveRepository") }),
  ]);
});

it("handles five concurrent deliveries of the same event as one", async () => {
  world.github.createRepository({
    owner: "acme",
    name: "burst",
    files: { "pom.xml": "<project/>\n" },
    announce: false,
  });
  const payload = world.github.repositoryCreatedPayload("acme", "burst");

  const mark = requestMark(world);
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => world.github.webhooks.send("repository", payload)),
  );
  await world.settle();

  expect(answers.map((a) => a.status)).toEqual(["OK", "OK", "OK", "OK", "OK"]);
  expect(onboarded("burst")).toEqual({ mappings: 1, branches: [ONBOARDING_BRANCH, "main"], pulls: 1 });
  expect(world.jfrog.state.mappings.filter((m) => m.claims.repository === "acme/burst")).toHaveLength(1);
  // Coalesced by the queue (one waiting and one running job per repository): at most two observations.
  const observations = bodiesSent(world, "github", "POST /api/graphql", mark).filter((b) =>
    (b as { query: string }).query.includes("query ObserveRepository"),
  );
  expect(observations.length).toBeGreaterThanOrEqual(1);
  expect(observations.length).toBeLessThanOrEqual(2);
});

it("finishes a half-done onboarding on the retry, reusing the branch and commit a failed run left", async () => {
  const mark = requestMark(world);
  const prDown = world.github.faults.add({
    method: "POST",
    pathPattern: /\/repos\/acme\/half\/pulls$/,
    status: 502,
  });
  world.github.createRepository({ owner: "acme", name: "half", files: { "package.json": "{}\n" } });
  await world.settle();

  expect(prDown.hits).toBeGreaterThan(0);
  expect(onboarded("half")).toEqual({ mappings: 1, branches: [ONBOARDING_BRANCH, "main"], pulls: 0 });
  expect(timers.pending).toBe(1);

  prDown.remove();
  timers.fireAll();
  await world.settle();

  expect(onboarded("half")).toEqual({ mappings: 1, branches: [ONBOARDING_BRANCH, "main"], pulls: 1 });
  // One branch, one commit on it (above the base), one mapping write: the retry only added the PR.
  expect(
    requestsSince(world, mark).github.filter((r) => r === "POST /repos/acme/half/git/refs"),
  ).toHaveLength(1);
  expect(world.github.repository("acme", "half").log(ONBOARDING_BRANCH)).toHaveLength(2);
  expect(requestsSince(world, mark).jfrog.filter((r) => r.startsWith("POST "))).toHaveLength(1);
});
