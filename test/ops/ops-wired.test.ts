/**
 * The operator's endpoints as production serves them: the composed app (compose.ts) on the real webhook server
 * (serve.ts, port 0). /readyz follows the start-up checks (not ready while JFrog is down, ready once it answers),
 * and /metrics shows what the engine reported: a delivery's handling time, a GitHub error by status.
 */
import type { RepositoryCreatedEvent } from "@octokit/webhooks-types";
import nock from "nock";
import { ProbotOctokit, type Server } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { composeApp } from "../../src/compose.js";
import { JFrogClient } from "../../src/jfrog/client.js";
import { createLogger } from "../../src/logger.js";
import { VirtualClock } from "../../src/rollout/clock.js";
import { READINESS_RETRY_MS } from "../../src/rollout/lifecycle.js";
import { signatures } from "../../src/sandbox/github/webhooks/signature.js";
import { serve } from "../../src/serve.js";
import { loadSettings } from "../../src/settings.js";
import { appKeyPair } from "../support/app-key.js";
import { until } from "../support/until.js";
import { example } from "../support/webhook-example.js";

const SECRET = "0123456789abcdef0123";
const JFROG_URL = "https://acme.jfrog.io";
const { privateKey } = appKeyPair();

let server: Server | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function startApp() {
  const { settings } = loadSettings({
    APP_ID: "123456",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    JFROG_URL,
    JFROG_ACCESS_TOKEN: "reference-token-123",
    HOST: "127.0.0.1",
  });
  const log = await createLogger({ level: "fatal", secrets: [], destination: { write: () => {} } });
  const clock = new VirtualClock();
  const jfrog = new JFrogClient({
    baseUrl: JFROG_URL,
    token: "reference-token-123",
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
  const app = composeApp({
    settings: { jfrogUrl: JFROG_URL, dryRun: false },
    jfrog,
    log,
    clock,
    retryDelaysMs: [],
    background: { startupChecks: true },
  });
  const Octokit = ProbotOctokit.defaults((options: object) => ({
    ...options,
    retry: { enabled: false },
    throttle: { enabled: false },
  }));
  server = await serve(app.appFn, { ...settings, server: { ...settings.server, port: 0 } }, log, Octokit);
  return { app, clock, url: `http://127.0.0.1:${server.port}` };
}

describe("the ops endpoints on the webhook server", () => {
  it("answers /healthz always, and /readyz only once JFrog and GitHub answered at start-up", async () => {
    nock(JFROG_URL).get("/access/api/v1/oidc").reply(503, "down for maintenance");
    const { app, clock, url } = await startApp();
    await app.lifecycle.checking;

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      ready: false,
      reasons: [expect.stringMatching(/not ready: .*503/)],
    });

    nock(JFROG_URL).get("/access/api/v1/oidc").reply(200, []);
    nock("https://api.github.com").get("/app").reply(200, { id: 123456, slug: "jfrog-oidc-rollout" });
    clock.advance(READINESS_RETRY_MS);
    await app.lifecycle.checking;

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, reasons: [] });
  });

  it("serves /metrics with a delivery's handling time and the GitHub errors its job met, by status", async () => {
    const { url } = await startApp();
    nock("https://api.github.com")
      .post(/\/app\/installations\/\d+\/access_tokens/)
      .reply(201, { token: "ghs_installationtokenfortest0000", expires_at: "2099-01-01T00:00:00Z" })
      .persist()
      .post("/graphql")
      .reply(502, { message: "Server Error" })
      .get(/.*/)
      .reply(502, { message: "Server Error" });
    const payload = example<RepositoryCreatedEvent>(
      "repository",
      (e) => e.action === "created" && !!e.installation,
    );
    const body = JSON.stringify(payload);
    const delivered = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "repository",
        "x-github-delivery": "d-ops-1",
        "x-hub-signature-256": signatures(SECRET, body).sha256,
      },
      body,
    });
    expect(delivered.status).toBe(200);
    const installation = payload.installation?.id;
    // The failure is counted as the run ends; the queue books the run as over a moment later (its retry waits).
    await until("the job has failed and is no longer running", async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return (
        /outcome="failed"/.test(text) &&
        text.includes(`jfrog_oidc_rollout_jobs{installation="${installation}",state="running"} 0`)
      );
    });

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(
      /jfrog_oidc_rollout_webhook_duration_seconds_count\{event="repository.created"\} 1/,
    );
    expect(metrics).toMatch(
      /jfrog_oidc_rollout_upstream_errors_total\{service="github",status="502"\} [1-9]/,
    );
    expect(metrics).toMatch(/jfrog_oidc_rollout_reconciles_total\{outcome="failed"\} 1/);
    // The installation the job ran for: its queue and its budget, read live at scrape time.
    expect(metrics).toContain(`jfrog_oidc_rollout_jobs{installation="${installation}",state="running"} 0`);
    expect(metrics).toMatch(
      new RegExp(`content_budget_remaining\\{installation="${installation}",window="hour"\\} \\d+`),
    );
  });
});
