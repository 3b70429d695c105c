import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { start } from "../src/start.js";

const TOKEN = "reference-token-abcdefghijklmnop";

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
    const { code, started, logs } = await boot({ JFROG_ACCESS_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(started).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ level: 60, msg: expect.stringMatching(/^JFROG_URL is not set/) });
  });

  it("stops when JFrog refuses the token, without echoing it", async () => {
    nock("https://acme.jfrog.io")
      .get("/access/api/v1/oidc")
      .reply(401, { errors: [{ code: "UNAUTHORIZED", message: "Bad credentials" }] });
    const { code, started, logs, text } = await boot({
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
      JFROG_URL: "https://acme.jfrog.io",
      JFROG_ACCESS_TOKEN: TOKEN,
      SWEEP_INTERVAL: "often",
    });
    expect(code).toBe(1);
    expect(started).toEqual([]);
    expect(logs.at(-1)?.msg).toBe('SWEEP_INTERVAL must be a duration such as 90s, 30m or 6h (got "often")');
  });

  it("starts the app once JFrog answers and accepts the token", async () => {
    nock("https://acme.jfrog.io").get("/access/api/v1/oidc").reply(200, []);
    const { code, started, logs } = await boot({
      JFROG_URL: "https://acme.jfrog.io",
      JFROG_ACCESS_TOKEN: TOKEN,
    });
    expect(code).toBeUndefined();
    expect(started).toHaveLength(1);
    expect(logs.map((l) => l.msg)).toContain("JFrog answers and accepts the token");
  });
});
