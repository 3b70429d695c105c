/**
 * The composition root starts the daily JFrog token watch; while the token has expired, a delivery's reconcile is
 * DEFERRED (not failed, not retried into a give-up) without a single request, the report is logged once, and the
 * metrics say writes are stopped.
 */
import type { RepositoryCreatedEvent } from "@octokit/webhooks-types";
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { composeApp } from "../../src/compose.js";
import { JFrogClient } from "../../src/jfrog/client.js";
import { createLogger } from "../../src/logger.js";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { InMemoryJobQueue } from "../../src/rollout/memory-queue.js";
import { appKeyPair } from "../support/app-key.js";
import { example } from "../support/webhook-example.js";

const JFROG_URL = "https://acme.jfrog.io";
const PRIVATE_KEY = appKeyPair().privateKey;

/** A JFrog access token's shape (a JWT) that expired yesterday. */
function expiredToken(clock: VirtualClock): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const exp = Math.floor(clock.now() / 1000) - 86_400;
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ sub: "jfac@01/users/admin", scp: "applied-permissions/admin", exp })}.c2ln`;
}

describe("writes stopped by the JFrog token watch", () => {
  it("defers a delivery's reconcile without a request, logs the report, and shows it in the metrics", async () => {
    const lines: string[] = [];
    const log = await createLogger({
      level: "info",
      secrets: [],
      destination: { write: (l: string) => void lines.push(l) },
    });
    const clock = new VirtualClock();
    const token = expiredToken(clock);
    const composed = composeApp({
      settings: { jfrogUrl: JFROG_URL, dryRun: false },
      jfrog: new JFrogClient({
        baseUrl: JFROG_URL,
        token,
        retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      }),
      log,
      clock,
      retryDelaysMs: [],
      tokenWatch: { token: () => token },
    });
    const probot = new Probot({
      appId: 1,
      privateKey: PRIVATE_KEY,
      log,
      Octokit: ProbotOctokit.defaults((o: object) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
    });
    await probot.load(composed.appFn);
    expect(await composed.tokenWatch?.lastCheck).toBe("expired");

    const payload = example<RepositoryCreatedEvent>(
      "repository",
      (e) => e.action === "created" && !!e.installation,
    );
    // nock allows no request here (test/setup.ts): the deferral must come before any GitHub or JFrog call.
    await probot.receive({ id: "d-stopped", name: "repository", payload } as never);
    await (composed.queue as InMemoryJobQueue).onSettled();

    expect(await composed.queue.counts()).toEqual({ waiting: 0, running: 0, delayed: 1 });
    expect(composed.failures.list()).toEqual([]);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      logged.filter((l) => String(l.msg).startsWith("Writes are stopped: the JFrog admin token expired")),
    ).toHaveLength(1);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: "job deferred: writes are stopped", id: "d-stopped", job: "reconcile" }),
    );
    const metrics = await composed.metrics.scrape();
    expect(metrics).toMatch(/jfrog_oidc_rollout_writes_stopped 1/);
    expect(metrics).toMatch(/jfrog_oidc_rollout_reconciles_total\{outcome="deferred"\} 1/);
    expect(metrics).toMatch(/jfrog_oidc_rollout_jfrog_token_expiry_days 0/);
    await composed.shutdown(0);
  });
});
