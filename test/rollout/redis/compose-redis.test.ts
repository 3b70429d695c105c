/**
 * The composed app in Redis mode (what REDIS_URL selects), against a real redis-server: two replicas share one
 * queue, one budget and one sweep lease. GitHub and JFrog are nock at the network edge; time is real (BullMQ and
 * Redis leases run on it), so intervals are short and every wait is for a condition, with a bound.
 */
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { type ComposedApp, composeApp } from "../../../src/compose.js";
import { JFrogClient } from "../../../src/jfrog/client.js";
import { createLogger } from "../../../src/logger.js";
import { RedisJobQueue } from "../../../src/rollout/redis/redis-job-queue.js";
import { RedisWriteBudget } from "../../../src/rollout/redis/redis-write-budget.js";
import { start } from "../../../src/start.js";
import { appKeyPair } from "../../support/app-key.js";
import { useRedisServer } from "../../support/redis-server.js";
import { until } from "../../support/until.js";
import { reconcileJob } from "../contract/job-queue.contract.js";

const JFROG_URL = "https://acme.jfrog.io";
const PRIVATE_KEY = appKeyPair().privateKey;

const log = await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } });

const server = useRedisServer();

const replicas: ComposedApp[] = [];
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.shutdown(0)));
});

/** What GitHub saw: how many times each app-level call was made, across replicas. */
function githubAnswers() {
  const calls = { installations: 0, deliveries: 0, tokens: 0 };
  nock(JFROG_URL).persist().get("/access/api/v1/oidc").reply(200, []);
  nock("https://api.github.com")
    .persist()
    .get("/app")
    .reply(200, { id: 1, slug: "jfrog-oidc-rollout" })
    .get(/^\/app\/hook\/deliveries/)
    .reply(() => {
      calls.deliveries++;
      return [200, []];
    })
    .get(/^\/app\/installations/)
    .reply(() => {
      calls.installations++;
      return [200, []];
    })
    .post(/^\/app\/installations\/\d+\/access_tokens/)
    .reply(() => {
      calls.tokens++;
      return [201, { token: "ghs_installationtokenfortest0000", expires_at: "2099-01-01T00:00:00Z" }];
    })
    .get(/^\/repos\//)
    .reply(503, { message: "unavailable" })
    .post("/graphql")
    .reply(503, { message: "unavailable" });
  return calls;
}

async function replica(options: { sweepIntervalMs?: number; load?: boolean } = {}) {
  const composed = composeApp({
    settings: { jfrogUrl: JFROG_URL, dryRun: false },
    jfrog: new JFrogClient({
      baseUrl: JFROG_URL,
      token: "reference-token-123",
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    }),
    log: log,
    redis: { connection: server.client(), lockMs: 2_000, lockRetryMs: 10 },
    retryDelaysMs: [60_000],
    sweepIntervalMs: options.sweepIntervalMs ?? 3_600_000,
    background: { startupChecks: true, redeliver: true, sweep: true },
  });
  replicas.push(composed);
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    log: log,
    Octokit: ProbotOctokit.defaults((o: object) => ({
      ...o,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  if (options.load !== false) await probot.load(composed.appFn);
  return { composed, probot };
}

describe("the composed app with REDIS_URL", () => {
  it("runs on the Redis queue and budget", async () => {
    githubAnswers();
    const { composed } = await replica();
    expect(composed.queue).toBeInstanceOf(RedisJobQueue);
    expect(composed.budget).toBeInstanceOf(RedisWriteBudget);
  });

  it("keeps the dashboard's standings, audits and notes in Redis: two replicas render the same dashboard issue", async () => {
    githubAnswers();
    const a = (await replica({ load: false })).composed.dashboardState;
    const b = (await replica({ load: false })).composed.dashboardState;
    const api = { owner: "acme", name: "api", ownerId: 1, repoId: 10 };
    await a.standings.replace("acme", {
      policyConsent: true,
      at: 1,
      standings: [{ ref: api, state: "pending", isPublic: true }],
    });
    expect(await b.standings.update({ ref: api, state: "pull-request-open", isPublic: true })).toBe(true);
    expect([...((await a.standings.of("acme"))?.repositories.values() ?? [])].map((s) => s.state)).toEqual([
      "pull-request-open",
    ]);
    await a.notes.note("acme", { issueNumber: 42, body: "marker", writtenAt: 5_000, edited: false });
    expect(await b.notes.of("acme")).toMatchObject({ issueNumber: 42, writtenAt: 5_000 });
    expect(await b.audits.recordWorkflows(api, [], 1)).toBe(true);
    expect(await a.audits.recordWorkflows(api, [], 1)).toBe(false);
  });

  it("is what start-up composes when REDIS_URL is set, and its shutdown closes the connection", async () => {
    githubAnswers();
    let composed: ComposedApp | undefined;
    const code = await start(
      {
        APP_ID: "1",
        PRIVATE_KEY,
        WEBHOOK_SECRET: "0123456789abcdef0123",
        JFROG_URL,
        JFROG_ACCESS_TOKEN: "reference-token-123",
        REDIS_URL: server.url,
      },
      {
        log,
        run: async () => undefined,
        jfrogClientOptions: { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
        onStarted: (app) => {
          composed = app;
        },
      },
    );
    expect(code).toBeUndefined();
    expect(composed?.queue).toBeInstanceOf(RedisJobQueue);
    expect(composed?.budget).toBeInstanceOf(RedisWriteBudget);
    const inspector = server.client();
    const connections = async () =>
      String(await inspector.call("CLIENT", "LIST"))
        .trim()
        .split("\n").length;
    const before = await connections();
    await composed?.shutdown(0);
    await until("the app's connection is closed", async () => (await connections()) < before);
  });

  it("redelivers failed deliveries and sweeps once across two replicas starting together, then once per interval", async () => {
    const calls = githubAnswers();
    const [a, b] = await Promise.all([replica({ sweepIntervalMs: 400 }), replica({ sweepIntervalMs: 400 })]);
    await Promise.all([a.composed.lifecycle.checking, b.composed.lifecycle.checking]);
    expect(calls).toMatchObject({ deliveries: 1, installations: 1 });

    // The next interval: one of them sweeps again (the lease ends just before the interval does).
    await until("the second interval's sweep", () => calls.installations >= 2);
    expect(calls.deliveries).toBe(1);
  });

  it("a job one process accepted and never ran is run by the next process", async () => {
    const calls = githubAnswers();
    // The first process takes a delivery's job, then stops before its worker started (a deploy, a crash).
    const first = await replica({ load: false });
    await first.composed.queue.add(reconcileJob(74, "repository created"));
    await first.composed.shutdown(0);
    replicas.splice(replicas.indexOf(first.composed), 1);

    const next = await replica();
    await until(
      "the next process ran the job (it asked GitHub for an installation token)",
      () => calls.tokens > 0,
    );
    expect(await next.composed.queue.counts(1)).toMatchObject({ waiting: 0 });
  });
});
