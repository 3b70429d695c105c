/**
 * In Redis mode a replica is ready only while the shared Redis answers: the composed app on the real webhook
 * server (serve.ts, port 0) against a real redis-server. Redis stops answering (CLIENT PAUSE: connected, silent),
 * answers again: /readyz and `jfrog_oidc_rollout_redis_up` follow each step. A connection that is down is reported
 * at once.
 */
import { Redis } from "ioredis";
import nock from "nock";
import { ProbotOctokit, type Server } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComposedApp, composeApp } from "../../src/compose.js";
import { JFrogClient } from "../../src/jfrog/client.js";
import { createLogger } from "../../src/logger.js";
import { pingRedis, REDIS_PING_TIMEOUT_MS } from "../../src/ops/redis-health.js";
import { serve } from "../../src/serve.js";
import { loadSettings } from "../../src/settings.js";
import { appKeyPair } from "../support/app-key.js";
import { useRedisServer } from "../support/redis-server.js";
import { until } from "../support/until.js";

const JFROG_URL = "https://acme.jfrog.io";
const { privateKey } = appKeyPair();

// Its tests are steps of one scenario: the database is not emptied between them.
const redis = useRedisServer({ flushBeforeEach: false });
let server: Server;
let app: ComposedApp;
let url: string;

beforeAll(async () => {
  nock(JFROG_URL).persist().get("/access/api/v1/oidc").reply(200, []);
  nock("https://api.github.com")
    .persist()
    .get("/app")
    .reply(200, { id: 123456, slug: "jfrog-oidc-rollout" })
    .get(/^\/app\/hook\/deliveries/)
    .reply(200, []);
  const { settings } = loadSettings({
    APP_ID: "123456",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: "0123456789abcdef0123",
    JFROG_URL,
    JFROG_ACCESS_TOKEN: "reference-token-123",
    HOST: "127.0.0.1",
  });
  const log = await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } });
  app = composeApp({
    settings: { jfrogUrl: JFROG_URL, dryRun: false },
    jfrog: new JFrogClient({ baseUrl: JFROG_URL, token: "reference-token-123" }),
    log,
    redis: { connection: redis.client() },
    background: { startupChecks: true },
  });
  const Octokit = ProbotOctokit.defaults((options: object) => ({
    ...options,
    retry: { enabled: false },
    throttle: { enabled: false },
  }));
  server = await serve(app.appFn, { ...settings, server: { ...settings.server, port: 0 } }, log, Octokit);
  url = `http://127.0.0.1:${server.port}`;
  await app.lifecycle.checking;
});

afterAll(async () => {
  await server?.stop();
  await app?.shutdown(0);
  nock.cleanAll();
});

async function readyz(): Promise<{ status: number; body: { ready: boolean; reasons: string[] } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: await response.json() };
}

async function redisUp(): Promise<string | undefined> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return metrics.match(/^jfrog_oidc_rollout_redis_up (\d)$/m)?.[1];
}

describe("/readyz in Redis mode", () => {
  it("is ready while Redis answers, not ready while it is silent, and says why", async () => {
    // The app's client may still be in its handshake (ioredis "connect") on a loaded host: not ready until it is.
    await until("the app's Redis connection is ready", async () => (await readyz()).status === 200);
    expect(await readyz()).toEqual({ status: 200, body: { ready: true, reasons: [] } });
    expect(await redisUp()).toBe("1");

    // Connected but silent (a hung or overloaded Redis): the PING gets no answer within its bound.
    const admin = redis.client();
    await admin.call("CLIENT", "PAUSE", String(1.5 * REDIS_PING_TIMEOUT_MS), "ALL");
    const silent = await readyz();
    expect(silent).toEqual({
      status: 503,
      body: { ready: false, reasons: [`redis: no answer to PING within ${REDIS_PING_TIMEOUT_MS} ms`] },
    });
    expect(await redisUp()).toBe("0");

    // The pause ends by itself: Redis answers again, and so does the replica's readiness.
    await until("ready again", async () => (await readyz()).status === 200);
    expect(await readyz()).toEqual({ status: 200, body: { ready: true, reasons: [] } });
    expect(await redisUp()).toBe("1");
  });

  it("is told at once when the connection is down, without queueing a PING behind the reconnection", async () => {
    // A client of a Redis that is not there (the socket of a server that never ran): ioredis keeps reconnecting.
    const down = new Redis(`${redis.url}.gone`, { maxRetriesPerRequest: null });
    down.on("error", () => {});
    try {
      await until("the client has tried and failed to connect", async () => down.status !== "wait");
      expect(await pingRedis(down)).toEqual({
        ok: false,
        reason: expect.stringMatching(/^redis: not connected \((connecting|reconnecting)\)$/),
      });
    } finally {
      down.disconnect();
    }
  });
});
