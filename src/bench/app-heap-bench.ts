/**
 * The app's own heap at its fullest (issue 8: ≤ 200 MB at 10,000 repositories): the organization scanned and every
 * repository queued, each backfill job carrying the scan's observation, every standing recorded, the budget's
 * first minute spent. The app shares this process with the emulators, which hold far more (every repository,
 * commit and webhook delivery), so the process's heap says little about the app. Its share is measured by
 * replacing it: the heap with the loaded app, minus the heap once the world has swapped it for a fresh one (the old
 * app, with its queue, caches and clients, is then garbage; the emulators keep everything they hold). A fresh app's
 * own footprint (Probot, its clients) is on both sides and is measured apart: the heap with the fresh app, minus
 * the heap before the world started one (the emulators already filled).
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
    const heapLoaded = heapUsedBytes();
    await world.restartApp({});
    const heapReplaced = heapUsedBytes();
    const held = Math.max(0, heapLoaded - heapReplaced);
    const base = Math.max(0, heapFreshApp - heapBeforeApp);
    const total = held + base;
    return rowsOf(`app heap, ${repositories} repositories`, [
      { metric: "jobs queued at the fullest", value: queued.waiting + queued.delayed, unit: "" },
      { metric: "heap held by the app's state, whole org queued", value: held / MIB, unit: "MiB" },
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
