/**
 * `npm run bench`: measures what the issues say must be measured, prints a table and writes bench-report.json.
 * Targets are checked here, never by timing assertions inside tests; the exit code is 1 when one is missed.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { benchAppHeap } from "./app-heap-bench.js";
import { benchAudit } from "./audit-bench.js";
import { atMost, printTable, type Row } from "./measure.js";
import { benchObserveOrganization } from "./observe-org-bench.js";
import { benchOnboarding } from "./onboarding-bench.js";
import { benchPlan } from "./plan-bench.js";
import { benchPolicyPreview } from "./policy-preview-bench.js";
import { benchQueue } from "./queue-bench.js";
import { benchReplicas } from "./replicas-bench.js";
import { benchRollout } from "./rollout-bench.js";
import { benchWebhookAck } from "./webhook-ack-bench.js";

/**
 * Issue 8 names 1,000 and 10,000 repositories. The plain rollout runs at both, and the "new repositories during
 * the rollout" one at the large size (the issue's own); the other variants at the small size, to keep the whole
 * bench within minutes on two cores. `ROLLOUT_BENCH_LARGE_REPOS=0` skips the large runs.
 */
const rolloutRepos = Number(process.env.ROLLOUT_BENCH_REPOS ?? 1_000);
/**
 * Issue 9's rows run in real time (Redis cannot follow a virtual clock). `OPS_BENCH_ONLY=webhook`, `=replicas` or
 * `=1` (both) runs them alone while iterating; `WEBHOOK_BENCH_RATE` (200/s) and `WEBHOOK_BENCH_SECONDS` (10) size the
 * webhook load, `REPLICA_BENCH_REPOS` (2,000) and `REPLICA_BENCH_HOUR_MS` (the scaled "hour", 36 s) the rollout.
 */
const opsOnly = process.env.OPS_BENCH_ONLY;
const replicaRepos = Number(process.env.REPLICA_BENCH_REPOS ?? 2_000);
const replicaHourMs = Number(process.env.REPLICA_BENCH_HOUR_MS ?? 36_000);
const webhookLoad = {
  perSecond: Number(process.env.WEBHOOK_BENCH_RATE ?? 200),
  seconds: Number(process.env.WEBHOOK_BENCH_SECONDS ?? 10),
};
async function webhookRows(): Promise<Row[]> {
  const fast = await benchWebhookAck({ ...webhookLoad, upstreamLatencyMs: 0 });
  const slow = await benchWebhookAck({ ...webhookLoad, upstreamLatencyMs: 500 });
  const ratio = slow.p99Ms / Math.max(1, fast.p99Ms);
  return [
    ...fast.rows,
    ...slow.rows,
    {
      benchmark: "webhook ack, upstream 500 ms against 0 ms",
      metric: "p99 ratio (work is queued: about equal)",
      value: ratio,
      unit: "",
      ...atMost(ratio, 1.5),
    },
  ];
}
const replicaRows = async (): Promise<Row[]> => [
  ...(await benchReplicas({ repositories: replicaRepos, replicas: 1, hourMs: replicaHourMs })),
  ...(await benchReplicas({ repositories: replicaRepos, replicas: 3, hourMs: replicaHourMs })),
];
const opsRows = async (): Promise<Row[]> => [
  ...(opsOnly === "replicas" ? [] : await webhookRows()),
  ...(opsOnly === "webhook" ? [] : await replicaRows()),
];
const largeRepos = Number(process.env.ROLLOUT_BENCH_LARGE_REPOS ?? 10_000);
const large = largeRepos > 0 ? largeRepos : rolloutRepos;
/** `ROLLOUT_BENCH_ONLY=1` runs only the rollout rows (while iterating on the rollout). */
const rolloutOnly = process.env.ROLLOUT_BENCH_ONLY === "1";
const rows: Row[] = opsOnly
  ? await opsRows()
  : [
      ...(rolloutOnly ? [] : benchPlan()),
      ...(rolloutOnly ? [] : benchAudit()),
      ...(rolloutOnly ? [] : await benchOnboarding()),
      ...(rolloutOnly ? [] : await benchQueue()),
      ...(rolloutOnly ? [] : await benchObserveOrganization()),
      ...(rolloutOnly
        ? []
        : await benchPolicyPreview(Number(process.env.POLICY_PREVIEW_BENCH_REPOS ?? 10_000))),
      ...(await benchAppHeap(rolloutRepos)),
      ...(largeRepos > 0 ? await benchAppHeap(largeRepos) : []),
      ...(await benchRollout({ repositories: rolloutRepos })),
      ...(largeRepos > 0 ? await benchRollout({ repositories: largeRepos }) : []),
      ...(await benchRollout({ repositories: rolloutRepos, alreadyOnboarded: rolloutRepos / 2 })),
      ...(await benchRollout({ repositories: rolloutRepos, restartAtHour: 2 })),
      ...(await benchRollout({ repositories: rolloutRepos, jfrogDown: { atHour: 2, hours: 2 } })),
      ...(await benchRollout({ repositories: large, newRepositories: { atHour: 2, count: 100 } })),
      ...(rolloutOnly ? [] : await opsRows()),
    ];
printTable(rows);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
  rows,
};
writeFileSync("bench-report.json", `${JSON.stringify(report, null, 2)}\n`);
console.log("\nwrote bench-report.json");
if (rows.some((r) => r.met === false)) process.exitCode = 1;
