/**
 * Scale-out for real: two replicas of the composed app in Redis mode (one redis-server, one queue, one budget)
 * against the GitHub and JFrog emulators, BOTH receiving every delivery (as when GitHub's deliveries are load-balanced
 * and redelivered). Each repository still ends with one mapping and one PR, and every content write GitHub admitted
 * was taken from the one shared budget. Real time (BullMQ): every wait is for a condition, with a bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { type RunningApp, startApp } from "../../src/sandbox/app/start-app.js";
import { mappingsFor } from "../../src/sandbox/observe.js";
import { APP_ID, type World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { useRedisServer } from "../support/redis-server.js";
import { until } from "../support/until.js";
import { startWebhookFanOut } from "../support/webhook-fan-out.js";
import { testWorld } from "./helpers.js";

const ALONE = ["solo-a", "solo-b"];
const REPOSITORIES = ["svc-a", "svc-b", "svc-c", "svc-d", "svc-e", "svc-f"];
const privateKey = appKeyPair().privateKeyPkcs8;
const webhookSecret = "two-replicas-webhook-secret-0123";

// Its tests are steps of one scenario: the database is not emptied between them.
const redis = useRedisServer({ flushBeforeEach: false });
let world: World;
let second: RunningApp;
let fanOut: { url: string; close(): Promise<void> };
/** Where the fan-out sends each delivery: the first replica alone, then both. */
const targets: string[] = [];

beforeAll(async () => {
  const shared = () => ({ connection: redis.client(), lockMs: 2_000, lockRetryMs: 10 });
  world = await testWorld({ secrets: { privateKey, webhookSecret }, redis: shared });
  second = await startApp({
    githubApiUrl: world.github.apiUrl,
    appId: APP_ID,
    privateKey,
    webhookSecret,
    jfrogUrl: world.jfrog.url,
    jfrogToken: world.jfrogAdminToken,
    log: await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } }),
    jfrogRetry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    redis: shared(),
  });
  // Every delivery reaches both replicas, byte for byte (the signature covers the body).
  targets.push(world.app.webhookUrl);
  fanOut = await startWebhookFanOut({
    targets: () => targets,
    // A delivery fails if either replica failed it (GitHub would redeliver it).
    answer: (statuses) => Math.max(...statuses),
  });
  world.github.webhooks.target = { url: fanOut.url, secret: webhookSecret };
});

afterAll(async () => {
  world.github.webhooks.target = undefined;
  await second?.close();
  await world?.close();
  await fanOut?.close();
});

describe("two replicas with REDIS_URL receiving the same deliveries", () => {
  async function onboard(names: string[]): Promise<void> {
    for (const name of names)
      world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
    const queue = world.app.composed.queue;
    await until(
      "every repository has its PR and the shared queue is empty",
      async () =>
        names.every((name) => world.github.repository("acme", name).pulls.length > 0) &&
        Object.values(await queue.counts()).every((n) => n === 0),
      20_000,
    );
  }

  it("onboard each repository once: one mapping, one PR, every write from the one shared budget", async () => {
    // The single-replica figure first: content writes per repository when one replica gets the deliveries.
    await onboard(ALONE);
    const alone = Math.max(
      ...ALONE.map((name) => world.github.usage()[`acme/${name}`]?.contentRequests ?? 0),
    );
    expect(alone).toBeGreaterThan(0);

    targets.push(second.webhookUrl);
    await onboard(REPOSITORIES);
    expect(world.github.webhooks.deliveries.filter((d) => d.event === "repository")).toHaveLength(
      ALONE.length + REPOSITORIES.length,
    );

    const usage = world.github.usage();
    let writes = 0;
    for (const name of REPOSITORIES) {
      const repo = world.github.repository("acme", name);
      expect(repo.pulls, name).toHaveLength(1);
      expect(mappingsFor(world, repo), name).toHaveLength(1);
      const used = usage[`acme/${name}`];
      // One replica's figure: the second replica's copy of each delivery wrote nothing more.
      expect(used?.contentRequests, name).toBeLessThanOrEqual(alone);
      expect(used?.rateLimited, name).toBe(0);
      writes += used?.contentRequests ?? 0;
    }
    writes += ALONE.length * alone;
    const budget = world.app.composed.budget;
    const limits = (budget as unknown as { limits: { perHour: number } }).limits;
    const reserved = limits.perHour - (await budget.remaining(world.installationId)).perHour;
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(reserved);
  });
});
