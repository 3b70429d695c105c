/**
 * The operator's endpoints, mounted the way the app mounts them (`addHandler` from Probot's app function, here
 * through `createNodeMiddleware` on a loopback server), read over HTTP; metrics parsed from the exposition format.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import pino from "pino";
import { createNodeMiddleware, Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { Metrics } from "../../src/ops/metrics.js";
import { createOpsHandler } from "../../src/ops/ops-handler.js";
import { ReadinessChecks } from "../../src/ops/readiness.js";
import { timed } from "../../src/ops/webhook-latency.js";
import { RedisJobQueue } from "../../src/rollout/redis/redis-job-queue.js";
import { RedisWriteBudget } from "../../src/rollout/redis/redis-write-budget.js";
import { reconcileJob } from "../rollout/contract/job-queue.contract.js";
import { appKeyPair } from "../support/app-key.js";
import { ManualClock } from "../support/manual-clock.js";
import { parseExposition, sampleValue } from "../support/prometheus-text.js";
import { quietLog } from "../support/quiet-log.js";
import { useRedisServer } from "../support/redis-server.js";

const PRIVATE_KEY = appKeyPair().privateKey;

const redis = useRedisServer();

let http: Server | undefined;
let queue: RedisJobQueue | undefined;
afterEach(async () => {
  await queue?.stop(100);
  await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
  http = undefined;
});

async function serve(metrics: Metrics, checks: ReadinessChecks) {
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    secret: "webhook-secret",
    log: pino({ level: "silent" }),
  });
  const middleware = await createNodeMiddleware(
    (app, { addHandler }) => {
      addHandler(createOpsHandler({ metrics, readiness: checks.readiness }));
      app.on(
        "push",
        timed(metrics, async () => {}),
      );
    },
    { probot },
  );
  http = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => http?.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { probot, get: (path: string) => fetch(`${base}${path}`) };
}

describe("ops endpoints", () => {
  it("answers /healthz while the process serves, whatever upstream says", async () => {
    const checks = new ReadinessChecks();
    checks.fail("jfrog", "JFrog unreachable");
    const { get } = await serve(new Metrics(), checks);
    const health = await get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("ok\n");
  });

  it("holds /readyz at 503 with the reasons until settings, JFrog and GitHub have all passed", async () => {
    const checks = new ReadinessChecks();
    const { get } = await serve(new Metrics(), checks);
    checks.pass("settings");
    checks.fail("jfrog", "JFrog unavailable while trying to list OIDC integrations: HTTP 503");
    const notReady = await get("/readyz");
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      ready: false,
      reasons: [
        "jfrog: JFrog unavailable while trying to list OIDC integrations: HTTP 503",
        "github: not checked yet",
      ],
    });
    checks.pass("jfrog");
    checks.pass("github");
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, reasons: [] });
  });

  it("leaves other paths to the next handler (404 here, the webhook route in the app)", async () => {
    const { get } = await serve(new Metrics(), new ReadinessChecks());
    expect((await get("/metricsz")).status).toBe(404);
  });

  it("exposes the named series on /metrics after the engine reports, with live queue and budget figures", async () => {
    const metrics = new Metrics();
    const connection = redis.client();
    queue = new RedisJobQueue({ connection, concurrency: 1, retryDelaysMs: [], log: quietLog() });
    const budget = new RedisWriteBudget(connection, new ManualClock(), {
      perMinute: 75,
      perHour: 480,
      headroomPerMinute: 10,
      headroomPerHour: 40,
    });
    metrics.watch({ installations: () => [42], queue, budget });
    await queue.add(reconcileJob(1, "repository created", "event", 42));
    await queue.add(reconcileJob(2, "rollout", "backfill", 42));
    await budget.reserve(42, 5, "event");
    metrics.reconciled("done");
    metrics.reconciled("done");
    metrics.reconciled("deferred");
    metrics.githubError(502);
    metrics.jfrogError(undefined);
    metrics.repositoriesByState({ onboarded: 12, "pr-open": 3 });
    metrics.jfrogTokenExpiresInDays(9.5);

    const { probot, get } = await serve(metrics, new ReadinessChecks());
    const push = (examples as Array<{ name: string; examples: unknown[] }>).find((e) => e.name === "push");
    await probot.receive({ id: "delivery-1", name: "push", payload: push?.examples[0] } as never);

    const response = await get("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const samples = parseExposition(await response.text());
    const p = "jfrog_oidc_rollout_";
    expect(sampleValue(samples, `${p}jobs`, { installation: "42", state: "waiting" })).toBe(2);
    expect(sampleValue(samples, `${p}jobs`, { installation: "42", state: "running" })).toBe(0);
    expect(
      sampleValue(samples, `${p}content_budget_remaining`, { installation: "42", window: "minute" }),
    ).toBe(70);
    expect(sampleValue(samples, `${p}content_budget_remaining`, { installation: "42", window: "hour" })).toBe(
      475,
    );
    expect(sampleValue(samples, `${p}reconciles_total`, { outcome: "done" })).toBe(2);
    expect(sampleValue(samples, `${p}reconciles_total`, { outcome: "deferred" })).toBe(1);
    expect(sampleValue(samples, `${p}upstream_errors_total`, { service: "github", status: "502" })).toBe(1);
    expect(sampleValue(samples, `${p}upstream_errors_total`, { service: "jfrog", status: "network" })).toBe(
      1,
    );
    expect(sampleValue(samples, `${p}repositories`, { state: "pr-open" })).toBe(3);
    expect(sampleValue(samples, `${p}jfrog_token_expiry_days`)).toBe(9.5);
    expect(sampleValue(samples, `${p}writes_stopped`)).toBe(0);
    expect(sampleValue(samples, `${p}webhook_duration_seconds_count`, { event: "push" })).toBe(1);
    expect(sampleValue(samples, `${p}process_resident_memory_bytes`)).toBeGreaterThan(0);
  });
});
