import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { withEnvFile } from "../src/settings/env-file.js";
import { start } from "../src/start.js";
import { appKeyPair } from "./support/app-key.js";

const TOKEN = "reference-token-abcdefghijklmnop";
const { privateKey } = appKeyPair();
/** The GitHub App's settings, valid. */
const APP = { APP_ID: "123456", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "0123456789abcdef0123" };

async function boot(env: Record<string, string>) {
  const lines: string[] = [];
  const log = await createLogger({
    secrets: [TOKEN],
    destination: { write: (l: string) => void lines.push(l) },
  });
  const started: unknown[] = [];
  const code = await start(env, {
    log,
    run: async (app) => void started.push(app),
    jfrogClientOptions: { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } },
  });
  const logs = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
  return { code, started, logs, text: lines.join("") };
}

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe("start-up", () => {
  it("stops with a message naming the variable when a setting is missing, before calling JFrog", async () => {
    const { code, started, logs } = await boot({ ...APP, JFROG_ACCESS_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(started).toEqual([]);
    expect(logs).toEqual([
      expect.objectContaining({ level: 60, msg: expect.stringMatching(/^JFROG_URL is not set/) }),
      expect.objectContaining({
        level: 60,
        msg: "1 setting(s) to fix before the app can start (see .env.example)",
      }),
    ]);
  });

  it("reports every wrong setting at once, one line each, with no stack trace and no setup mode", async () => {
    const { code, started, logs, text } = await boot({
      PORT: "abc",
      LOG_LEVEL: "verbose",
      WEBHOOK_SECRET: "x",
    });
    expect(code).toBe(1);
    expect(started).toEqual([]);
    expect(logs.map((l) => l.msg.split(" ")[0])).toEqual([
      "JFROG_URL",
      "JFROG_ACCESS_TOKEN",
      "APP_ID",
      "PRIVATE_KEY",
      "WEBHOOK_SECRET",
      "PORT",
      "LOG_LEVEL",
      "7",
    ]);
    expect(text).not.toMatch(/\s+at /);
  });

  it("says in one line why the webhook server could not start", async () => {
    nock("https://acme.jfrog.io").get("/access/api/v1/oidc").reply(200, []);
    const lines: string[] = [];
    const log = await createLogger({
      secrets: [],
      destination: { write: (l: string) => void lines.push(l) },
    });
    const code = await start(
      { ...APP, JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: TOKEN, PORT: "8080" },
      {
        log,
        run: async () => {
          throw Object.assign(new Error("listen EADDRINUSE: address already in use :::8080"), {
            code: "EADDRINUSE",
          });
        },
      },
    );
    expect(code).toBe(1);
    expect(JSON.parse(lines.at(-1) ?? "{}")).toMatchObject({
      level: 60,
      port: 8080,
      msg: "the webhook server could not start: listen EADDRINUSE: address already in use :::8080",
    });
  });

  it("starts from a .env file alone, the environment winning over it", async () => {
    nock("https://acme.jfrog.io").get("/access/api/v1/oidc").reply(200, []);
    const dotEnv = Object.entries({ ...APP, JFROG_URL: "https://other.jfrog.io", JFROG_ACCESS_TOKEN: TOKEN })
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join("\n");
    const { env } = withEnvFile({ JFROG_URL: "https://acme.jfrog.io" }, ".env", () => dotEnv);
    const { code, started } = await boot(env as Record<string, string>);
    expect(code).toBeUndefined();
    expect(started).toHaveLength(1);
  });

  it("stops when JFrog refuses the token, without echoing it", async () => {
    nock("https://acme.jfrog.io")
      .get("/access/api/v1/oidc")
      .reply(401, { errors: [{ code: "UNAUTHORIZED", message: "Bad credentials" }] });
    const { code, started, logs, text } = await boot({
      ...APP,
      JFROG_URL: "https://acme.jfrog.io",
      JFROG_ACCESS_TOKEN: TOKEN,
    });
    expect(code).toBe(1);
    expect(started).toEqual([]);
    expect(logs.at(-1)?.msg).toMatch(/^JFrog check failed at start-up: .*401/);
    expect(text).not.toContain(TOKEN);
  });

  it("starts, not ready, when JFrog is unreachable or failing: an outage ends by itself, a crash loop helps nobody", async () => {
    nock("https://acme.jfrog.io").get("/access/api/v1/oidc").reply(503, "upstream unavailable");
    const { code, started, logs } = await boot({
      ...APP,
      JFROG_URL: "https://acme.jfrog.io",
      JFROG_ACCESS_TOKEN: TOKEN,
    });
    expect(code).toBeUndefined();
    expect(started).toHaveLength(1);
    expect(logs.map((l) => l.msg)).toContainEqual(
      expect.stringMatching(/^JFrog unreachable at start-up; starting not ready and retrying: .*503/),
    );
  });

  it("stops with a message naming the variable when a rollout setting is malformed", async () => {
    const { code, started, logs } = await boot({
      ...APP,
      JFROG_URL: "https://acme.jfrog.io",
      JFROG_ACCESS_TOKEN: TOKEN,
      SWEEP_INTERVAL: "often",
    });
    expect(code).toBe(1);
    expect(started).toEqual([]);
    expect(logs.map((l) => l.msg)).toEqual([
      'SWEEP_INTERVAL must be a duration such as 90s, 30m or 6h (got "often")',
      "1 setting(s) to fix before the app can start (see .env.example)",
    ]);
  });

  it("starts the app once JFrog answers and accepts the token", async () => {
    nock("https://acme.jfrog.io").get("/access/api/v1/oidc").reply(200, []);
    const { code, started, logs } = await boot({
      ...APP,
      JFROG_URL: "https://acme.jfrog.io",
      JFROG_ACCESS_TOKEN: TOKEN,
    });
    expect(code).toBeUndefined();
    expect(started).toHaveLength(1);
    expect(logs.map((l) => l.msg)).toContain("JFrog answers and accepts the token");
  });
});
