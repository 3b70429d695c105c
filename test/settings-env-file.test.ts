import { describe, expect, it } from "vitest";
import { withEnvFile } from "../src/settings/env-file.js";

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
});
