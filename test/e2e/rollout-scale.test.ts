/**
 * A quick scale check (the big numbers belong in `npm run bench`): 200 repositories that predate the app, rollout
 * consented, GitHub's content limits on in the emulator, one virtual clock for the emulator and the app. Every
 * repository ends with one mapping and one PR, and GitHub never had to refuse a write: the budget paced them all.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { DEBOUNCE_MS } from "../../src/rollout/dashboard/update-dashboard.js";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { mappingsFor, testWorld } from "./helpers.js";

const REPOSITORIES = 200;
const HOUR = 3_600_000;
const clock = new VirtualClock(Date.parse("2026-03-02T09:00:00Z"));
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: { ...defaultPolicy(), rollout: { existing: true } },
    clock,
    now: clock.date,
    logLevel: "warn",
    existingRepositories: Array.from({ length: REPOSITORIES }, (_, i) => ({ name: `svc-${i}` })),
  });
}, 60_000);
afterAll(() => world.close());

it(`onboards ${REPOSITORIES} existing repositories at the pace GitHub allows, no write refused, a new repository first`, async () => {
  const start = clock.now();
  await world.app.composed.lifecycle.sweep();
  // Half an hour in, with the backfill using every write it may: someone creates a repository.
  let createdAt: number | undefined;
  let onboardedAt: number | undefined;
  for (;;) {
    await world.settle();
    if (createdAt === undefined && clock.now() - start >= HOUR / 2) {
      world.github.createRepository({ owner: "acme", name: "hotfix", files: { "package.json": "{}\n" } });
      createdAt = clock.now();
      await world.settle();
    }
    if (createdAt !== undefined && onboardedAt === undefined)
      if (world.github.repository("acme", "hotfix").pulls.length === 1) onboardedAt = clock.now();
    const next = clock.nextDueMs();
    if (next === undefined) break;
    clock.advanceTo(next);
  }
  // The new repository went ahead of the backfill: its PR within a minute of simulated time, not hours later.
  expect(onboardedAt).toBeDefined();
  expect((onboardedAt ?? Number.POSITIVE_INFINITY) - (createdAt ?? 0)).toBeLessThanOrEqual(60_000);
  const repos = Array.from({ length: REPOSITORIES }, (_, i) => world.github.repository("acme", `svc-${i}`));
  expect(repos.filter((r) => mappingsFor(world, r).length === 1 && r.pulls.length === 1)).toHaveLength(
    REPOSITORIES,
  );
  const usage = Object.values(world.github.usage());
  expect(usage.reduce((sum, u) => sum + u.rateLimited, 0)).toBe(0);
  // 5 writes per repository (branch, commit, PR, labels, reviewers). Backfill may spend 480 an hour (500 less the
  // headroom): within the floor of writes ÷ 480 hours, and never faster than GitHub's 500 an hour would allow.
  const writes = usage.reduce((sum, u) => sum + u.contentRequests, 0);
  const hours = (clock.now() - start) / HOUR;
  // The org's `.github` is not onboarded by default: its writes are the dashboard's, edited as the rollout went,
  // out of the same budget, at most once per debounce window.
  const dashboardWrites = world.github.usage()["acme/.github"]?.contentRequests ?? 0;
  expect(dashboardWrites).toBeGreaterThan(1);
  expect(dashboardWrites).toBeLessThanOrEqual(1 + Math.ceil((clock.now() - start) / DEBOUNCE_MS));
  expect(writes - dashboardWrites).toBe(5 * (REPOSITORIES + 1)); // and the hotfix
  expect(hours).toBeLessThanOrEqual(writes / 480);
  expect(hours).toBeGreaterThanOrEqual((writes - 500) / 500);
}, 240_000);
