/**
 * The onboarding PR's labels and reviewers are part of the job: when GitHub fails right after the PR was opened,
 * the job's retry finishes the decoration, and only that (no second branch, commit or PR).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { bodiesSent, requestsSince, testWorld } from "./helpers.js";

const timers = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({
    secrets: { privateKey: appKeyPair().privateKey },
    clock: timers,
    now: timers.date,
    retryDelaysMs: [30_000],
  });
});
afterAll(() => world.close());

it("is finished by the retry when GitHub failed right after the PR was opened", async () => {
  // Down for longer than Octokit's own retries of a 5xx: the job fails and waits for its retry.
  const outage = world.github.faults.add({
    method: "POST",
    pathPattern: /\/repos\/acme\/app\/pulls\/1\/requested_reviewers$/,
    status: 502,
  });
  world.github.createRepository({ owner: "acme", name: "app", files: { "package.json": "{}\n" } });
  await world.settle();

  expect(outage.hits).toBeGreaterThan(0);
  const opened = world.github.repository("acme", "app");
  expect(opened.pulls).toHaveLength(1);
  expect(opened.pulls[0]?.requestedReviewers).toEqual([]);
  expect(timers.pending).toBe(1);

  outage.remove();
  timers.fireAll();
  await world.settle();
  const repo = world.github.repository("acme", "app");
  expect(repo.pulls).toHaveLength(1);
  expect(repo.pulls[0]?.labels).toEqual(["jfrog-oidc"]);
  expect(repo.pulls[0]?.requestedReviewers).toEqual(["mona"]);
  // The retry only decorated: one branch, one commit, one PR in all.
  const writes = requestsSince(world, { github: 0, jfrog: 0 }).github;
  expect(writes.filter((w) => w === "POST /repos/acme/app/git/refs")).toHaveLength(1);
  expect(writes.filter((w) => w === "POST /repos/acme/app/pulls")).toHaveLength(1);
  const graphql = bodiesSent(world, "github", "POST /api/graphql") as Array<{ query: string }>;
  expect(graphql.filter((b) => /mutation AddWorkflowFile\b/.test(b.query))).toHaveLength(1);
});
