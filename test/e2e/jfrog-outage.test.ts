/**
 * JFrog is down: the job fails before any GitHub write (no PR may point at a missing mapping) and waits to be
 * retried; once JFrog is back, the retry finishes the onboarding.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { World } from "../../src/sandbox/world.js";
import { mappingsFor, testWorld } from "./helpers.js";

const timers = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({ clock: timers, now: timers.date, retryDelaysMs: [30_000] });
});
afterAll(() => world.close());

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
});

it("finishes the onboarding when the retry runs after JFrog recovers", async () => {
  world.jfrog.faults.clear();
  timers.fireAll();
  await world.settle();

  const svc = world.github.repository("acme", "svc");
  expect(mappingsFor(world, svc)).toHaveLength(1);
  expect(svc.pulls).toEqual([expect.objectContaining({ number: 1, state: "open" })]);
  expect(timers.pending).toBe(0);
});
