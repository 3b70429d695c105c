/**
 * The app's own heap at its fullest (issue 8: ≤ 200 MB at 10,000 repositories): the organization scanned and every
 * repository queued, each backfill job carrying the scan's observation, every standing recorded, the budget's
 * first minute spent. The app shares this process with the emulators, which hold far more (every repository,
 * commit and webhook delivery), so the process's heap says little about the app. Its share is the sum of:
 * - a fresh app's own footprint: the heap once it started, minus the heap just before (the emulators filled);
 * - what it then holds: the heap with the whole org queued, minus the heap before the sweep. An upper bound: the
 *   emulators' record of the scan and of the first minute's writes is in it too.
 * (Swapping the loaded app for a fresh one and taking the difference was tried: the old app's heap was not freed in
 * this process, something process-wide still reaches it, so that difference read as nothing.)
 */
import { VirtualClock } from "../rollout/clock.js";
import { startWorld } from "../sandbox/world.js";
import { atMost, heapUsedBytes, type Row, rowsOf } from "./measure.js";

const MIB = 2 ** 20;

export async function benchAppHeap(repositories: number): Promise<Row[]> {
  const clock = new VirtualClock(Date.parse("2026-03-02T09:00:00Z"));
  let heapBeforeApp = 0;
  const world = await startWorld({
    policy: {
      provider: { name: "github-acme", audience: "jfrog-github" },
      token: { scope: "groups", groups: ["ci-readers"] },
      rollout: { existing: true },
    },
    clock,
    now: clock.date,
    logLevel: "error",
    existingRepositories: Array.from({ length: repositories }, (_, i) => ({ name: `svc-${i}` })),
    beforeAppStarts: () => {
      heapBeforeApp = heapUsedBytes();
    },
  });
  try {
    const heapFreshApp = heapUsedBytes();
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    const queued = world.app.queue.countsNow();
    const held = Math.max(0, heapUsedBytes() - heapFreshApp);
    const base = Math.max(0, heapFreshApp - heapBeforeApp);
    const total = held + base;
    return rowsOf(`app heap, ${repositories} repositories`, [
      { metric: "jobs queued at the fullest", value: queued.waiting + queued.delayed, unit: "" },
      {
        metric: "heap held by the app's state, whole org queued (upper bound)",
        value: held / MIB,
        unit: "MiB",
      },
      { metric: "heap of a fresh app (Probot, clients)", value: base / MIB, unit: "MiB" },
      {
        metric: "app heap at its fullest (state + fresh app)",
        value: total / MIB,
        unit: "MiB",
        ...(repositories >= 10_000 ? atMost(total / MIB, 200) : {}),
      },
    ]);
  } finally {
    await world.close();
  }
}
