/** REDIS_URL: optional, checked like every other setting, and its password never repeated nor logged. */
import { describe, expect, it } from "vitest";
import { loadSettings, operatorSecrets, SettingsError } from "../src/settings.js";
import { appKeyPair } from "./support/app-key.js";

const VALID = {
  APP_ID: "123456",
  PRIVATE_KEY: appKeyPair().privateKey,
  WEBHOOK_SECRET: "0123456789abcdef0123",
  JFROG_URL: "https://acme.jfrog.io",
  JFROG_ACCESS_TOKEN: "reference-token-123",
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadSettings(env);
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

describe("REDIS_URL", () => {
  it("is optional: unset, the app runs in-process", () => {
    expect(loadSettings(VALID).settings.redisUrl).toBeUndefined();
  });

  it.each([
    "redis://:s3cret@redis:6379/0",
    "rediss://default:s3cret@redis.example.com:6380",
    "/run/redis/redis.sock",
  ])("accepts %s", (url) => {
    expect(loadSettings({ ...VALID, REDIS_URL: url }).settings.redisUrl).toBe(url);
  });

  it("rejects what is not a Redis URL, naming the variable and never echoing the password", () => {
    const problems = [
      ...problemsOf({ ...VALID, REDIS_URL: "http://:hunter22@redis:6379" }),
      ...problemsOf({ ...VALID, REDIS_URL: "redis:6379:hunter22" }),
    ];
    expect(problems).toEqual([
      expect.stringMatching(/^REDIS_URL must start with redis:\/\/ or rediss:\/\/ and name a host/),
      expect.stringMatching(/^REDIS_URL must start with redis:\/\/ or rediss:\/\/ and name a host/),
    ]);
    expect(problems.join("\n")).not.toContain("hunter22");
  });

  it("reports its problem together with every other setting's", () => {
    const problems = problemsOf({ ...VALID, PORT: "abc", REDIS_URL: "not a url" });
    expect(problems).toEqual([
      expect.stringMatching(/^PORT /),
      expect.stringMatching(/^REDIS_URL is not a URL: e\.g\. REDIS_URL=redis:\/\//),
    ]);
  });

  it("gives its password to the logger's redaction", () => {
    expect(operatorSecrets({ REDIS_URL: "redis://:p%40ss@redis:6379" })).toContain("p@ss");
    expect(operatorSecrets({ REDIS_URL: "redis://redis:6379" })).toEqual([]);
  });
});
