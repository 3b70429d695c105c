/**
 * An org rollout through the real app on ONE virtual clock (the app's budget, retries and sweeps, and the GitHub
 * emulator's secondary limits): N repositories that predate the app, rollout consented, GitHub's limits on. The
 * issue's targets: 100% onboarded, 0 secondary-limit answers, simulated time ≤ 1.05 × the floor (N × content writes
 * per repository ÷ 500 hours).
 *
 * Observation here is the placeholder `observeOrganization` (one request per repository); the bulk one (one per
 * 100) replaces it, and with it the 10,000-repository scenario becomes practical: `ROLLOUT_BENCH_REPOS=10000`.
 */
import { VirtualClock } from "../rollout/clock.js";
import { startWorld } from "../sandbox/world.js";
import { atMost, heapUsedBytes, type Row, rowsOf } from "./measure.js";

const HOUR = 3_600_000;

export async function benchRollout(repositories = 1_000): Promise<Row[]> {
  const clock = new VirtualClock(Date.parse("2026-03-02T09:00:00Z"));
  const world = await startWorld({
    // No labels or reviewers: 3 content writes per repository (branch, commit, PR).
    policy: {
      provider: { name: "github-acme", audience: "jfrog-github" },
      token: { scope: "groups", groups: ["ci-readers"] },
      rollout: { existing: true },
    },
    clock,
    now: clock.date,
    logLevel: "warn",
    existingRepositories: Array.from({ length: repositories }, (_, i) => ({ name: `svc-${i}` })),
  });
  try {
    const heapBefore = heapUsedBytes();
    const wallStart = performance.now();
    const start = clock.now();
    await world.app.composed.lifecycle.sweep();
    for (;;) {
      await world.settle();
      const next = clock.nextDueMs();
      if (next === undefined) break;
      clock.advanceTo(next);
    }
    const hours = (clock.now() - start) / HOUR;
    const usage = Object.entries(world.github.usage()).filter(([name]) => name.includes("/svc-"));
    const onboarded = Array.from({ length: repositories }, (_, i) =>
      world.github.repository(world.org, `svc-${i}`),
    ).filter((r) => r.pulls.length === 1).length;
    const writes = usage.reduce((sum, [, u]) => sum + u.contentRequests, 0);
    const refused = Object.values(world.github.usage()).reduce((sum, u) => sum + u.rateLimited, 0);
    const floor = writes / 500;
    const githubPerRepo = usage.reduce((sum, [, u]) => sum + u.requests, 0) / Math.max(1, onboarded);
    return rowsOf(`rollout ${repositories} existing repos`, [
      {
        metric: "repositories onboarded",
        value: onboarded,
        unit: "",
        target: `= ${repositories}`,
        met: onboarded === repositories,
      },
      { metric: "secondary-limit answers", value: refused, unit: "", ...atMost(refused, 0) },
      {
        metric: "simulated time",
        value: hours,
        unit: "h",
        target: `≤ ${(1.05 * floor).toFixed(2)} (1.05 × floor)`,
        met: hours <= 1.05 * floor,
      },
      { metric: "GitHub requests per repository (all)", value: githubPerRepo, unit: "" },
      {
        metric: "JFrog requests per repository (all)",
        value: world.jfrog.requests.length / repositories,
        unit: "",
      },
      { metric: "wall time", value: (performance.now() - wallStart) / 1000, unit: "s" },
      {
        metric: "heap growth (app + emulators)",
        value: Math.max(0, heapUsedBytes() - heapBefore) / 2 ** 20,
        unit: "MiB",
      },
    ]);
  } finally {
    await world.close();
  }
}
