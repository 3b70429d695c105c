/**
 * GitHub's secondary limit on content creation: the emulator refuses the write that goes over (403 with
 * retry-after), the app's job is deferred (not a failed attempt) and waits as told; after the window passes on the
 * shared clock, it opens the PR, once. The policy here has no labels or reviewers, so the PR is the job's last write.
 * (The emulator's limit here is far below the app's budget, as when another actor spends the same budget.)
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { ONBOARDING_BRANCH, testWorld } from "./helpers.js";

const clock = new VirtualClock(Date.parse("2026-03-02T09:00:00Z"));
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: { ...defaultPolicy(), pullRequest: {} },
    now: clock.date,
    clock,
    limits: { perMinute: 2, perHour: 500 },
    // No retry of a failed attempt at all: only a deferral can bring the job back.
    retryDelaysMs: [],
  });
});
afterAll(() => world.close());

it("refuses the third write within a minute and the app waits as told, without a PR", async () => {
  world.github.createRepository({ owner: "acme", name: "busy", files: { "package.json": "{}\n" } });
  await world.settle();

  expect(world.github.usage()["acme/busy"]).toMatchObject({ contentRequests: 2, rateLimited: 1 });
  expect(world.github.requests.filter((r) => r.status === 403).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /api/v3/repos/acme/busy/pulls",
  ]);
  expect(world.github.repository("acme", "busy").pulls).toEqual([]);
  expect(clock.pending).toBe(1);
  const logs = world.logs.map((l) => JSON.parse(l) as { msg: string; level: number });
  expect(logs.map((l) => l.msg)).toContain("job deferred");
  expect(logs.filter((l) => l.level >= 50)).toEqual([]);
});

it("opens the PR once the minute has passed and the retry runs", async () => {
  clock.advance(61_000);
  await world.settle();

  const busy = world.github.repository("acme", "busy");
  expect(busy.pulls).toEqual([
    expect.objectContaining({ number: 1, state: "open", head: ONBOARDING_BRANCH }),
  ]);
  expect(Object.keys(busy.branches).sort()).toEqual([ONBOARDING_BRANCH, "main"]);
  // The retry found its branch and commit in place: only the PR was written again.
  expect(world.github.usage()["acme/busy"]).toMatchObject({ contentRequests: 3, rateLimited: 1 });
});
