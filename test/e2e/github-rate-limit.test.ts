/**
 * GitHub's secondary limit on content creation: the emulator refuses the write that goes over (403 with
 * retry-after), the app's job fails and waits; after the window passes on the emulator's clock, the retry opens
 * the PR, once. The policy here has no labels or reviewers, so the PR is the job's last write.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../src/sandbox/shared/clock.js";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { ManualTimers, ONBOARDING_BRANCH, testWorld } from "./helpers.js";

const clock = new ManualClock(new Date("2026-03-02T09:00:00Z"));
const timers = new ManualTimers();
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: { ...defaultPolicy(), pullRequest: {} },
    now: clock.now,
    limits: { perMinute: 2, perHour: 500 },
    setTimer: timers.setTimer,
    retryDelaysMs: [60_000],
  });
});
afterAll(() => world.close());

it("refuses the third write within a minute and the app backs off without a PR", async () => {
  world.github.createRepository({ owner: "acme", name: "busy", files: { "package.json": "{}\n" } });
  await world.settle();

  expect(world.github.usage()["acme/busy"]).toMatchObject({ contentRequests: 2, rateLimited: 1 });
  expect(world.github.requests.filter((r) => r.status === 403).map((r) => `${r.method} ${r.path}`)).toEqual([
    "POST /api/v3/repos/acme/busy/pulls",
  ]);
  expect(world.github.repository("acme", "busy").pulls).toEqual([]);
  expect(timers.pending).toBe(1);
});

it("opens the PR once the minute has passed and the retry runs", async () => {
  clock.advance(61_000);
  timers.fireAll();
  await world.settle();

  const busy = world.github.repository("acme", "busy");
  expect(busy.pulls).toEqual([
    expect.objectContaining({ number: 1, state: "open", head: ONBOARDING_BRANCH }),
  ]);
  expect(Object.keys(busy.branches).sort()).toEqual([ONBOARDING_BRANCH, "main"]);
  // The retry found its branch and commit in place: only the PR was written again.
  expect(world.github.usage()["acme/busy"]).toMatchObject({ contentRequests: 3, rateLimited: 1 });
});
