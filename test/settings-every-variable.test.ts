/**
 * An operator's first start: every variable is checked in one place, every problem is reported at once, each
 * naming the variable and a valid value, and never a secret's value.
 */
import { generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSettings, SettingsError } from "../src/settings.js";
import { appKeyPair } from "./support/app-key.js";

const rsa = appKeyPair().privateKey;
const ec = generateKeyPairSync("ec", {
  namedCurve: "P-256",
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

const VALID = {
  APP_ID: "123456",
  PRIVATE_KEY: rsa,
  WEBHOOK_SECRET: "0123456789abcdef0123",
  JFROG_URL: "https://acme.jfrog.io",
  JFROG_ACCESS_TOKEN: "reference-token-123",
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
}

const noFiles = (path: string): string => {
  throw Object.assign(new Error(`no ${path}`), { code: "ENOENT" });
};

/** `PORT=abc` as a test's name; long values (keys) by their length only. */
function labelled(cases: Array<[Record<string, string | undefined>, RegExp]>) {
  return cases.map(([change, message]) => {
    const label = Object.entries(change)
      .map(
        ([name, value]) => `${name}=${(value?.length ?? 0) > 40 ? `<${value?.length} characters>` : value}`,
      )
      .join(" ");
    return [label, change, message] as const;
  });
}

describe("every setting, checked at once", () => {
  it("reports every missing required variable in one go, each with a valid value", () => {
    const problems = problemsOf({});
    expect(problems).toEqual([
      "JFROG_URL is not set: a valid value looks like JFROG_URL=https://acme.jfrog.io",
      expect.stringMatching(/^JFROG_ACCESS_TOKEN is not set: .*JFROG_ACCESS_TOKEN=<token>/),
      expect.stringMatching(/^APP_ID is not set: .*APP_ID=123456/),
      expect.stringMatching(/^PRIVATE_KEY is not set \(nor PRIVATE_KEY_PATH\): .*PRIVATE_KEY_PATH=/),
      expect.stringMatching(/^WEBHOOK_SECRET is not set: .*WEBHOOK_SECRET=/),
    ]);
  });

  it.each(
    labelled([
      [{ APP_ID: "my-app" }, /^APP_ID must be a number \(got "my-app"\): .*APP_ID=123456/],
      [{ APP_ID: "0" }, /^APP_ID must be a number/],
      [
        { PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nnot-a-key\\n-----END RSA PRIVATE KEY-----" },
        /^PRIVATE_KEY is not a PEM private key/,
      ],
      [{ PRIVATE_KEY: ec }, /^PRIVATE_KEY is a ec key, not the RSA key GitHub issues/],
      [{ PRIVATE_KEY_PATH: "/keys/app.pem" }, /^PRIVATE_KEY and PRIVATE_KEY_PATH are both set/],
      [
        { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: "/keys/app.pem" },
        /^PRIVATE_KEY_PATH \(\/keys\/app.pem\) cannot be read \(ENOENT\)/,
      ],
      [{ WEBHOOK_SECRET: "development" }, /^WEBHOOK_SECRET is shorter than 16 characters/],
      [{ WEBHOOK_SECRET: " " }, /^WEBHOOK_SECRET is not set/],
      [{ PORT: "abc" }, /^PORT must be a port number from 0 to 65535 \(got "abc"\), e.g. PORT=3000/],
      [{ PORT: "70000" }, /^PORT must be a port number/],
      [
        { LOG_LEVEL: "verbose" },
        /^LOG_LEVEL must be one of trace, debug, info, warn, error, fatal \(got "verbose"\)/,
      ],
      [{ LOG_FORMAT: "xml" }, /^LOG_FORMAT must be one of json, pretty/],
      [{ LOG_LEVEL_IN_STRING: "sure" }, /^LOG_LEVEL_IN_STRING must be true or false/],
      [{ GHE_HOST: "https://github.example.com/" }, /^GHE_HOST must be a host name without scheme or path/],
      [{ GHE_PROTOCOL: "ftp" }, /^GHE_PROTOCOL must be one of https, http/],
      [{ WEBHOOK_PATH: "hooks" }, /^WEBHOOK_PATH must start with \//],
      [{ HOST: "0.0.0.0/0" }, /^HOST must be an address to listen on/],
      [{ WEBHOOK_PROXY_URL: "smee" }, /^WEBHOOK_PROXY_URL must be a URL/],
    ]),
  )("refuses %s, naming the variable", (_label, change, message) => {
    const problems = problemsOf({ ...VALID, ...change });
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it("never repeats a secret's value in a problem", () => {
    const secret = "-----BEGIN PRIVATE KEY-----\nsentinel-key-material\n-----END PRIVATE KEY-----";
    const problems = problemsOf({ ...VALID, PRIVATE_KEY: secret, WEBHOOK_SECRET: "sentinel-short" });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toMatch(/sentinel/);
  });

  it("reports several wrong variables together, not one per restart", () => {
    const problems = problemsOf({ ...VALID, APP_ID: "x", PORT: "abc", LOG_LEVEL: "verbose", JFROG_URL: "" });
    expect(problems.map((p) => p.split(" ")[0])).toEqual(["JFROG_URL", "APP_ID", "PORT", "LOG_LEVEL"]);
  });
});

describe("accepted forms", () => {
  it("reads the GitHub App and server settings, with Probot's defaults", () => {
    const { settings } = loadSettings({ ...VALID, NODE_ENV: "production" }, new Date(), noFiles);
    expect(settings.github).toEqual({
      appId: 123456,
      privateKey: rsa.trim(),
      webhookSecret: VALID.WEBHOOK_SECRET,
    });
    expect(settings.server).toEqual({ port: 3000, githubApiUrl: "https://api.github.com" });
    expect(settings.log).toEqual({ level: "info", format: "json", levelInString: false });
  });

  it.each([
    ["newlines written as \\n", rsa.replace(/\n/g, "\\n")],
    ["base64 of the PEM", Buffer.from(rsa).toString("base64")],
  ])("accepts the private key inline with %s", (_form, inline) => {
    const { settings } = loadSettings({ ...VALID, PRIVATE_KEY: inline });
    expect(settings.github.privateKey).toBe(rsa.trim());
  });

  it("reads the private key from PRIVATE_KEY_PATH", () => {
    const read = (path: string) => (path === "/keys/app.pem" ? rsa : noFiles(path));
    const env = { ...VALID, PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: "/keys/app.pem" };
    expect(loadSettings(env, new Date(), read).settings.github.privateKey).toBe(rsa.trim());
  });

  it("points at GitHub Enterprise Server's API and listens where told", () => {
    const { settings } = loadSettings({
      ...VALID,
      GHE_HOST: "github.example.com",
      HOST: "0.0.0.0",
      PORT: "8080",
      LOG_LEVEL: "DEBUG",
    });
    expect(settings.server).toEqual({
      port: 8080,
      host: "0.0.0.0",
      githubApiUrl: "https://github.example.com/api/v3",
    });
    expect(settings.log.level).toBe("debug");
  });
});

describe("documentation", () => {
  it("names every variable the settings read in the README and .env.example", () => {
    const sources = ["src/settings.ts", ...readdirSync("src/settings").map((f) => `src/settings/${f}`)];
    const variables = sources.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/setting\(\s*\[([^\]]*)\]/g)].flatMap((m) =>
        [...(m[1] ?? "").matchAll(/"([A-Z_]+)"/g)].map((v) => v[1] ?? ""),
      ),
    );
    expect(variables).toContain("WEBHOOK_SECRET");
    const readme = readFileSync("README.md", "utf8");
    const example = readFileSync(".env.example", "utf8");
    const operatorVariables = variables.filter((v) => v !== "NODE_ENV");
    expect(operatorVariables.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
    expect(operatorVariables.filter((v) => !new RegExp(`^#? ?${v}=`, "m").test(example))).toEqual([]);
  });
});
