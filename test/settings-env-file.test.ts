import { createProbot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { withEnvFile } from "../src/settings/env-file.js";
import { appKeyPair } from "./support/app-key.js";

const file = (text: string) => (path: string) => {
  if (path !== ".env") throw Object.assign(new Error(path), { code: "ENOENT" });
  return text;
};

describe(".env", () => {
  it("fills in what the environment does not set, and the environment wins over the file", () => {
    const { env, problem } = withEnvFile(
      { JFROG_URL: "https://from-env.jfrog.io", PORT: "" },
      ".env",
      file("JFROG_URL=https://from-file.jfrog.io\nAPP_ID=42\nPORT=4000\n# a comment\n"),
    );
    expect(problem).toBeUndefined();
    expect(env).toMatchObject({ JFROG_URL: "https://from-env.jfrog.io", APP_ID: "42", PORT: "" });
  });

  it("is optional", () => {
    expect(withEnvFile({ APP_ID: "1" }, ".env", file("")).env).toEqual({ APP_ID: "1" });
    expect(withEnvFile({ APP_ID: "1" }, "missing.env", file("")).env).toEqual({ APP_ID: "1" });
  });

  it("names the file when it exists but cannot be read", () => {
    const denied = () => {
      throw Object.assign(new Error("denied"), { code: "EACCES" });
    };
    expect(withEnvFile({}, ".env", denied).problem).toBe(
      ".env cannot be read (EACCES): fix its permissions or remove it",
    );
  });

  it("writes what the file adds into the environment it was given, never over a variable set there", () => {
    const environment: Record<string, string | undefined> = {
      JFROG_URL: "https://from-env.jfrog.io",
      PORT: "",
    };
    withEnvFile(environment, ".env", file("JFROG_URL=https://from-file.jfrog.io\nAPP_ID=42\nPORT=4000\n"));
    expect(environment).toEqual({ JFROG_URL: "https://from-env.jfrog.io", APP_ID: "42", PORT: "" });
  });
});

describe(".env in the process's environment", () => {
  const added = ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "WEBHOOK_PATH", "GHE_HOST"];
  const before = Object.fromEntries(added.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of added)
      if (before[name] === undefined) delete process.env[name];
      else process.env[name] = before[name];
  });

  it("is what Probot's own reading of process.env sees, as with Probot's and dotenv's loaders", async () => {
    for (const name of added) delete process.env[name];
    const dotEnv = [
      "APP_ID=42",
      `PRIVATE_KEY=${JSON.stringify(appKeyPair().privateKey)}`,
      "WEBHOOK_SECRET=0123456789abcdef0123",
      "WEBHOOK_PATH=/from-dotenv",
      "GHE_HOST=ghe.acme.test",
    ].join("\n");
    const { problem } = withEnvFile(process.env, ".env", file(dotEnv));
    expect(problem).toBeUndefined();

    const probot = createProbot();
    expect(probot.webhookPath).toBe("/from-dotenv");
    const octokit = await probot.auth();
    expect(octokit.request.endpoint.DEFAULTS.baseUrl).toBe("https://ghe.acme.test/api/v3");
  });
});
