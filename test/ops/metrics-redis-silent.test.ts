/**
 * A scrape of `/metrics` while the shared Redis is silent (CLIENT PAUSE: connected, no answers) must still answer,
 * within the live-read bound, instead of waiting as long as the outage: the queue and budget gauges are left out
 * of that scrape, `live_read_ok` says which, and `redis_up` drops to 0. Once Redis answers, the figures are back.
 * A real redis-server, the real Redis queue and budget, the ops handler on a loopback HTTP server.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Metrics } from "../../src/ops/metrics.js";
import { createOpsHandler } from "../../src/ops/ops-handler.js";
import { ReadinessChecks } from "../../src/ops/readiness.js";
import { RedisJobQueue } from "../../src/rollout/redis/redis-job-queue.js";
import { RedisWriteBudget } from "../../src/rollout/redis/redis-write-budget.js";
import { reconcileJob } from "../rollout/contract/job-queue.contract.js";
import { ManualClock } from "../support/manual-clock.js";
import { parseExposition, sampleValue } from "../support/prometheus-text.js";
import { quietLog } from "../support/quiet-log.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { until } from "../support/until.js";

/**
 * Many times the scrape's bound: a scrape that waited for Redis would answer only after the pause. (A pause cannot
 * be ended early: CLIENT UNPAUSE waits behind it like every other command.)
 */
const PAUSE_MS = 4_000;
const BOUND_MS = 300;

let redis: RedisServer;
let http: Server;
let queue: RedisJobQueue;
let base: string;
beforeAll(async () => {
  redis = await startRedisServer();
  const connection = redis.client();
  queue = new RedisJobQueue({ connection, concurrency: 1, retryDelaysMs: [], log: quietLog() });
  const budget = new RedisWriteBudget(connection, new ManualClock(), {
    perMinute: 80,
    perHour: 500,
    headroomPerMinute: 10,
    headroomPerHour: 50,
  });
  await queue.add(reconcileJob(1, "a push", "event", 42));
  const metrics = new Metrics(BOUND_MS);
  metrics.watch({ installations: () => [42], queue, budget, redisBacked: true });
  const handler = createOpsHandler({ metrics, readiness: new ReadinessChecks([]).readiness });
  http = createServer((req, res) => void handler(req, res).then((done) => done || res.writeHead(404).end()));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  await until("the app's Redis connection is ready", () => connection.status === "ready");
});

afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
  await queue?.stop(100);
  await redis?.stop();
});

async function scrape() {
  const response = await fetch(`${base}/metrics`);
  return { status: response.status, samples: parseExposition(await response.text()) };
}

describe("/metrics while Redis is silent", () => {
  it("answers without the live figures, says which it could not read, and reports Redis down", async () => {
    const before = await scrape();
    expect(
      sampleValue(before.samples, "jfrog_oidc_rollout_jobs", { installation: "42", state: "waiting" }),
    ).toBe(1);
    expect(sampleValue(before.samples, "jfrog_oidc_rollout_redis_up")).toBe(1);

    const admin = redis.client();
    await admin.call("CLIENT", "PAUSE", String(PAUSE_MS), "ALL");
    const pausedAt = Date.now();
    const silent = await scrape();
    // Answered while Redis was still paused: the scrape did not wait for it.
    expect(Date.now() - pausedAt).toBeLessThan(PAUSE_MS);
    expect(silent.status).toBe(200);
    expect(silent.samples.filter((s) => s.name === "jfrog_oidc_rollout_jobs")).toEqual([]);
    expect(silent.samples.filter((s) => s.name === "jfrog_oidc_rollout_content_budget_remaining")).toEqual(
      [],
    );
    expect(sampleValue(silent.samples, "jfrog_oidc_rollout_live_read_ok", { metric: "jobs" })).toBe(0);
    expect(
      sampleValue(silent.samples, "jfrog_oidc_rollout_live_read_ok", { metric: "content_budget_remaining" }),
    ).toBe(0);
    expect(sampleValue(silent.samples, "jfrog_oidc_rollout_redis_up")).toBe(0);

    // The pause ends by itself.
    await until("the live figures are read again", async () => {
      const { samples } = await scrape();
      return sampleValue(samples, "jfrog_oidc_rollout_live_read_ok", { metric: "jobs" }) === 1;
    });
    const after = await scrape();
    expect(
      sampleValue(after.samples, "jfrog_oidc_rollout_jobs", { installation: "42", state: "waiting" }),
    ).toBe(1);
    expect(sampleValue(after.samples, "jfrog_oidc_rollout_redis_up")).toBe(1);
  });
});
