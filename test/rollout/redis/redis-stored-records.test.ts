/**
 * What the app keeps in Redis besides the live queue expires (a TTL refreshed by every write, or the window's own
 * expiry), and what it reads back is parsed before it is trusted: a record that does not parse is reported,
 * dropped from Redis, and never crashes the worker. A real redis-server; the records corrupted with plain HSETs,
 * as another version of the app or a person with redis-cli would.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "../../../src/rollout/job.js";
import { RedisLeases } from "../../../src/rollout/redis/lease.js";
import { RedisAuditStandings } from "../../../src/rollout/redis/redis-audit-standings.js";
import { RedisDashboardNotes } from "../../../src/rollout/redis/redis-dashboard-notes.js";
import { RedisJobQueue } from "../../../src/rollout/redis/redis-job-queue.js";
import { RedisStandings } from "../../../src/rollout/redis/redis-standings.js";
import { RedisWriteBudget } from "../../../src/rollout/redis/redis-write-budget.js";
import { SHARED_STATE_TTL_MS } from "../../../src/rollout/redis/retention.js";
import { ManualClock } from "../../support/manual-clock.js";
import { quietLog } from "../../support/quiet-log.js";
import { type RedisServer, startRedisServer } from "../../support/redis-server.js";
import { until } from "../../support/until.js";
import { standing } from "../contract/dashboard-state.contract.js";
import { reconcileJob } from "../contract/job-queue.contract.js";

const P = "app";
let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => server.stop());
beforeEach(async () => server.flush());

const stores = (log = quietLog()) => {
  const redis = server.client();
  return {
    redis,
    log,
    standings: new RedisStandings(redis, `${P}:standings:`, log),
    audits: new RedisAuditStandings(redis, `${P}:audits:`, log),
    notes: new RedisDashboardNotes(redis, `${P}:dashboard:`),
  };
};

describe("what the app keeps in Redis", () => {
  it("expires unless written again: every key but the live queue's has a TTL", async () => {
    const { redis, standings, audits, notes } = stores();
    await standings.replace("acme", {
      policyConsent: true,
      at: 1,
      standings: [standing("api", 1, "pending")],
    });
    await standings.update(standing("web", 2, "onboarded"));
    await audits.recordWorkflows({ owner: "acme", name: "api", ownerId: 1, repoId: 1 }, [], 1);
    await audits.recordIntegration("acme", { mappings: [], repositories: [] });
    await notes.note("acme", { issueNumber: 7, body: "dashboard", writtenAt: 1, edited: false });
    const budget = new RedisWriteBudget(
      redis,
      new ManualClock(),
      {
        perMinute: 80,
        perHour: 500,
        headroomPerMinute: 10,
        headroomPerHour: 50,
      },
      `${P}:budget:`,
    );
    await budget.reserve(42, 3, "event");
    await new RedisLeases(redis, `${P}:lease:`).runOncePerInterval("sweep", 60_000, async () => {});

    const keys = (await redis.keys(`${P}:*`)).sort();
    expect(keys.length).toBeGreaterThanOrEqual(8);
    const ttls = await Promise.all(keys.map(async (key) => [key, await redis.pttl(key)] as const));
    expect(ttls.filter(([, ttl]) => ttl <= 0)).toEqual([]);
    for (const [key, ttl] of ttls)
      if (/:(standings|audits|dashboard):/.test(key))
        expect(ttl, key).toBeGreaterThan(SHARED_STATE_TTL_MS - 60_000);
  });
});

describe("what the app reads back from Redis", () => {
  it("drops and reports rollout standings that do not parse, and shows the rest", async () => {
    const { redis, standings, log } = stores();
    await standings.replace("acme", {
      policyConsent: false,
      at: 5,
      standings: [standing("api", 1, "pending"), standing("web", 2, "onboarded")],
    });
    const rows = `${P}:standings:acme:repositories`;
    const [apiKey] = (await redis.hkeys(rows)).sort();
    await redis.hset(rows, apiKey ?? "", '{"state":"onboarded"');
    await redis.hset(
      rows,
      "acme/evil",
      JSON.stringify({ ...standing("evil", 3, "onboarded"), state: "owned" }),
    );

    const seen = await standings.of("acme");
    expect([...(seen?.repositories.values() ?? [])]).toEqual([standing("web", 2, "onboarded")]);
    expect(log.lines.filter((l) => l.level === "error")).toEqual([
      {
        level: "error",
        fields: { org: "acme", repositories: ["acme/evil", apiKey].sort() },
        message: "unreadable rollout standings in Redis: dropped; the next scan records them again",
      },
    ]);
    expect(await redis.hlen(rows)).toBe(1);
    // A finished job's update over a corrupt row is a change, never a failed script.
    await redis.hset(rows, apiKey ?? "", "not json");
    expect(await standings.update(standing("api", 1, "pull-request-open"))).toBe(true);
  });

  it("drops and reports audit findings that do not parse", async () => {
    const { redis, audits, log } = stores();
    const api = { owner: "acme", name: "api", ownerId: 1, repoId: 1 };
    await audits.recordWorkflows(api, [], 2);
    await redis.hset(`${P}:audits:acme:workflows`, "acme/web", JSON.stringify({ ref: api, errors: -1 }));
    await redis.hset(`${P}:audits:acme:facts`, "integration", '{"mappings": "all"}');

    const seen = await audits.of("acme");
    expect([...(seen?.workflows.keys() ?? [])]).toHaveLength(1);
    expect(seen?.integration).toBeUndefined();
    expect(log.lines.filter((l) => l.level === "error").map((l) => l.fields)).toEqual([
      { org: "acme", repositories: ["acme/web"], integration: true },
    ]);
    expect(await redis.hexists(`${P}:audits:acme:facts`, "integration")).toBe(0);
  });

  it("ignores dashboard notes that do not parse: the issue is looked up again", async () => {
    const { redis, notes } = stores();
    await redis.hset(
      `${P}:dashboard:acme`,
      "issueNumber",
      "12abc",
      "writtenAt",
      "soon",
      "body",
      "b",
      "edited",
      "x",
    );
    expect(await notes.of("acme")).toEqual({ body: "b" });
  });

  it("never runs a queued job that does not parse, and the worker goes on with the next", async () => {
    const log = quietLog();
    const connection = server.client();
    const queue = new RedisJobQueue({ connection, concurrency: 1, retryDelaysMs: [], log, prefix: P });
    await queue.add(reconcileJob(1, "repository created"));
    // The waiting entry rewritten by something else: a job whose repository is no object.
    const pending = `${P}:slots:pending`;
    const [key] = await connection.hkeys(pending);
    const entry = JSON.parse((await connection.hget(pending, key ?? "")) ?? "{}");
    await connection.hset(
      pending,
      key ?? "",
      JSON.stringify({ ...entry, job: '{"kind":"reconcile","repository":7}' }),
    );
    await queue.add(reconcileJob(2, "repository created"));

    const ran: Job[] = [];
    queue.start(async (job) => {
      ran.push(job);
      return { status: "done" };
    });
    try {
      await until("the readable job ran", () => ran.length === 1);
      await until("the unreadable one was reported", () =>
        log.lines.some((l) => l.message.startsWith("unreadable job in Redis: dropped")),
      );
      expect(ran.map((j) => (j.kind === "reconcile" ? j.repository.name : j.kind))).toEqual(["repo-2"]);
      expect(await connection.hlen(`${P}:slots:running`)).toBe(0);
    } finally {
      await queue.stop(100);
    }
  });
});
