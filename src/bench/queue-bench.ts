/** The queue under a burst: memory held per waiting repository, and that duplicates coalesce instead of piling up. */
import type { JobLogger } from "../logger.js";
import { systemClock } from "../rollout/clock.js";
import { InMemoryJobQueue } from "../rollout/memory-queue.js";
import { atMost, heapUsedBytes, type Row, rowsOf } from "./measure.js";

const CONCURRENCY = 4;

export async function benchQueue(repositories = 20_000, duplicates = 3): Promise<Row[]> {
  const silent: JobLogger = { debug() {}, info() {}, warn() {}, error() {} };
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let runs = 0;
  const queue = new InMemoryJobQueue({
    concurrency: CONCURRENCY,
    retryDelaysMs: [],
    clock: systemClock,
    log: silent,
  });
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
      // The queue's contract: one waiting and one running job per repository. The 4 repositories whose first job
      // is running (concurrency 4) also hold their coalesced next job; every other repository holds exactly one.
      metric: "jobs held after coalescing",
      value: queued,
      unit: "",
      target: `≤ ${repositories + CONCURRENCY} (one per repository, + one behind each running job)`,
      met: queued <= repositories + CONCURRENCY && counts.waiting === repositories,
    },
    {
      metric: "jobs run",
      value: runs,
      unit: "",
      target: `≤ ${repositories + CONCURRENCY * duplicates}`,
      met: runs <= repositories + CONCURRENCY * duplicates,
    },
    {
      metric: "heap per queued repository",
      value: perRepo,
      unit: "B",
      ...atMost(perRepo, 2048),
    },
  ]);
}
