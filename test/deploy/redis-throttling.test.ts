/**
 * With REDIS_URL set, Probot clusters its request throttling through Redis (Bottleneck's ioredis datastore), so
 * every replica paces GitHub requests against one shared limiter. Probot loads `ioredis` at run time only when
 * it is installed (else it would try to fetch it): this proves the dependency is there and used, by finding the
 * limiter's keys in a real Redis after one installation request.
 */
import nock from "nock";
import { createProbot } from "probot";
import { describe, expect, it } from "vitest";
import { appKeyPair } from "../support/app-key.js";
import { useRedisServer } from "../support/redis-server.js";
import { until } from "../support/until.js";

const PRIVATE_KEY = appKeyPair().privateKey;

const redis = useRedisServer();

describe("Probot's throttling with REDIS_URL", () => {
  it("paces the app's GitHub requests through the shared Redis", async () => {
    const probot = createProbot({
      env: { APP_ID: "1", PRIVATE_KEY, WEBHOOK_SECRET: "secret", LOG_LEVEL: "silent", REDIS_URL: redis.url },
    });
    nock("https://api.github.com")
      .post("/app/installations/7/access_tokens")
      .reply(201, { token: "ghs_installationtokenfortest0000", expires_at: "2099-01-01T00:00:00Z" })
      .get("/repos/acme/widgets")
      .reply(200, { id: 74, name: "widgets", full_name: "acme/widgets" });

    const octokit = await probot.auth(7);
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "widgets" });
    expect(data.full_name).toBe("acme/widgets");
    expect(nock.isDone()).toBe(true);

    const inspector = redis.client();
    await until(
      "the throttling limiter's keys are in Redis",
      async () => (await inspector.keys("b_*")).length > 0,
    );
    expect((await inspector.keys("b_*")).some((key) => key.endsWith("_settings"))).toBe(true);
  });
});
