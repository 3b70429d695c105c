/** The queue under a burst: memory held per waiting repository, and that duplicates coalesce instead of piling up. */
import type { JobLogger } from "../reconcile/job-logger.js";
import { systemClock } from "../rollout/clock.js";
import { InMemoryJobQueue } from "../rollout/memory-queue.js";
import { atMost, heapUsedBytes, type Row, rowsOf } from "./measure.js";

export async function benchQueue(repositories = 20_000, duplicates = 3): Promise<Row[]> {
  const silent: JobLogger = { debug() {}, info() {}, warn() {}, error() {} };
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let runs = 0;
  const queue = new InMemoryJobQueue({ concurrency: 4, retryDelaysMs: [], clock: systemClock, log: silent });
  queue.start(async () => {
    runs++;
    await gate;
    return { status: "done" };
  });
  const before = heapUsedBytes();
  for (let d = 0; d < duplicates; d++)
    for (let i = 0; i < repositories; i++)
      await queue.add({
        kind: "reconcile",
        installationId: 1,
        reason: "bench",
        priority: "backfill",
        repository: { owner: "acme", name: `repo-${i}`, ownerId: 5, repoId: i },
      });
  const held = heapUsedBytes() - before;
  const counts = queue.countsNow();
  const queued = counts.waiting + counts.running;
  release();
  await queue.onIdle();
  const perRepo = held / repositories;
  return rowsOf(`queue burst ${repositories}×${duplicates}`, [
    {
      metric: "jobs held after coalescing",
      value: queued,
      unit: "",
      target: `= ${repositories}`,
      met: queued === repositories,
    },
    {
      metric: "jobs run",
      value: runs,
      unit: "",
      target: `≤ ${repositories + 4 * duplicates}`,
      met: runs <= repositories + 4 * duplicates,
    },
    {
      metric: "heap per queued repository",
      value: perRepo,
      unit: "B",
      ...atMost(perRepo, 2048),
    },
  ]);
}
