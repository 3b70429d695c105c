/**
 * JFrog is down: the job fails before any GitHub write (no PR may point at a missing mapping) and waits to be
 * retried; once JFrog is back, the retry finishes the onboarding. A JFrog that stays down past every retry is
 * reported where an admin looks, with nothing half-written; a single failed write is retried inside the job.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { World } from "../../src/sandbox/world.js";
import { mappingsFor, requestMark, requestsSince, testWorld } from "./helpers.js";

const CREATE_MAPPING = "POST /access/api/v1/oidc/github-acme/identity_mappings";
const timers = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({ clock: timers, now: timers.date, retryDelaysMs: [30_000] });
});
afterAll(() => world.close());

const logs = () => world.logs.map((line) => JSON.parse(line) as Record<string, unknown>);

it("writes nothing to GitHub while JFrog answers 503", async () => {
  const outage = world.jfrog.faults.add({ pathPattern: /^\/access\//, status: 503 });
  world.github.createRepository({ owner: "acme", name: "svc", files: { "package.json": "{}\n" } });
  await world.settle();

  expect(outage.hits).toBeGreaterThan(0);
  expect(timers.pending).toBe(1);
  const svc = world.github.repository("acme", "svc");
  expect(mappingsFor(world, svc)).toEqual([]);
  expect(Object.keys(svc.branches)).toEqual(["main"]);
  expect(svc.pulls).toEqual([]);
  expect(world.github.usage()["acme/svc"]?.contentRequests ?? 0).toBe(0);
  const warning = logs().find((l) => l.msg === "job failed; retrying");
  expect(warning?.err).toMatch(/^JFrog .*503/);
});

it("finishes the onboarding when the retry runs after JFrog recovers, and records no failure", async () => {
  world.jfrog.faults.clear();
  timers.fireAll();
  await world.settle();

  const svc = world.github.repository("acme", "svc");
  expect(mappingsFor(world, svc)).toHaveLength(1);
  expect(svc.pulls).toEqual([expect.objectContaining({ number: 1, state: "open" })]);
  expect(timers.pending).toBe(0);
  expect(world.app.composed.failures.list()).toEqual([]);
});

it("retries a mapping write JFrog failed once inside the job: one mapping, then the PR", async () => {
  const mark = requestMark(world);
  const blip = world.jfrog.faults.add({
    method: "POST",
    pathPattern: /\/identity_mappings$/,
    status: 500,
    times: 1,
  });
  world.github.createRepository({ owner: "acme", name: "blip", files: { "package.json": "{}\n" } });
  await world.settle();

  expect(blip.hits).toBe(1);
  expect(requestsSince(world, mark).jfrog.filter((r) => !r.startsWith("GET "))).toEqual([
    CREATE_MAPPING,
    CREATE_MAPPING,
  ]);
  const blipRepo = world.github.repository("acme", "blip");
  expect(mappingsFor(world, blipRepo)).toHaveLength(1);
  expect(blipRepo.pulls).toHaveLength(1);
  expect(timers.pending).toBe(0);
});

it("reports a JFrog that stays down at error level and where the dashboard reads failures, half-writing nothing", async () => {
  world.jfrog.faults.add({ pathPattern: /^\/access\//, status: 503 });
  world.github.createRepository({ owner: "acme", name: "down", files: { "package.json": "{}\n" } });
  await world.settle();
  timers.fireAll();
  await world.settle();

  const down = world.github.repository("acme", "down");
  expect(timers.pending).toBe(0);
  expect(Object.keys(down.branches)).toEqual(["main"]);
  expect(world.github.usage()["acme/down"]?.contentRequests ?? 0).toBe(0);
  const error = logs().find((l) => l.level === 50);
  expect(error).toMatchObject({
    msg: "job failed and is given up; the next sweep picks the repository up again",
    job: `repo:${down.ownerId}/${down.id}`,
    repository: "acme/down",
  });
  expect(world.app.composed.failures.list()).toEqual([
    expect.objectContaining({
      job: expect.objectContaining({
        kind: "reconcile",
        repository: expect.objectContaining({ repoId: down.id }),
      }),
      error: expect.stringMatching(/^JFrog .*503/),
    }),
  ]);
  world.jfrog.faults.clear();
});
