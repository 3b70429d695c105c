import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { loadSettings, operatorSecrets, SettingsError } from "../src/settings.js";
import { appKeyPair } from "./support/app-key.js";

const { privateKey: PEM } = appKeyPair();
/** The GitHub App's settings, valid: each test varies the rest. */
const APP = { APP_ID: "123456", PRIVATE_KEY: PEM, WEBHOOK_SECRET: "0123456789abcdef0123" };

const NOW = new Date("2026-11-26T00:00:00Z");
const key = new TextEncoder().encode("x".repeat(32));

async function jwt(expiresAt: Date): Promise<string> {
  return new SignJWT({ scp: "applied-permissions/admin" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("jfac@01/users/admin")
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

const inDays = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describe("loadSettings", () => {
  it("accepts a valid environment and normalises the JFrog URL", async () => {
    const token = await jwt(inDays(90));
    const { settings, warnings } = loadSettings(
      { ...APP, JFROG_URL: "https://acme.jfrog.io/artifactory/", JFROG_ACCESS_TOKEN: token, DRY_RUN: "true" },
      NOW,
    );
    expect(settings).toMatchObject({
      jfrogUrl: "https://acme.jfrog.io",
      jfrogToken: token,
      dryRun: true,
      githubIssuer: "https://token.actions.githubusercontent.com",
    });
    expect(warnings).toEqual([]);
  });

  it("derives the Actions token issuer of GitHub Enterprise Server from GHE_HOST", async () => {
    const env = { ...APP, JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: await jwt(inDays(90)) };
    expect(loadSettings({ ...env, GHE_HOST: "GitHub.Acme.com" }, NOW).settings.githubIssuer).toBe(
      "https://github.acme.com/_services/token",
    );
    expect(() => loadSettings({ ...env, GHE_HOST: "https://github.acme.com/" }, NOW)).toThrow(
      /GHE_HOST must be a host name without scheme or path .*e\.g\. GHE_HOST=github\.example\.com/,
    );
  });

  it.each([
    [{}, /JFROG_URL is not set: a valid value looks like JFROG_URL=https:\/\/acme.jfrog.io/],
    [{ JFROG_URL: "acme.jfrog.io" }, /JFROG_URL is not a URL/],
    [{ JFROG_URL: "http://acme.jfrog.io" }, /JFROG_URL must use https/],
    [{ JFROG_URL: "https://user:pw@acme.jfrog.io" }, /JFROG_URL must not carry credentials/],
    [{ JFROG_URL: "https://acme.jfrog.io" }, /JFROG_ACCESS_TOKEN is not set/],
    [
      { JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: "a", JFROG_ACCESS_TOKEN_FILE: "/f" },
      /only one of/,
    ],
    [{ JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: "abc def" }, /contains whitespace/],
    [
      { JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: "tok-123456789", DRY_RUN: "maybe" },
      /DRY_RUN must be true or false/,
    ],
  ])("refuses %j", (env, message) => {
    expect(() => loadSettings({ ...APP, ...env }, NOW)).toThrow(SettingsError);
    expect(() => loadSettings({ ...APP, ...env }, NOW)).toThrow(message);
  });

  it("allows plain http only to loopback (the local sandbox)", () => {
    const { settings } = loadSettings(
      { ...APP, JFROG_URL: "http://127.0.0.1:8081", JFROG_ACCESS_TOKEN: "reference-token-123" },
      NOW,
    );
    expect(settings.jfrogUrl).toBe("http://127.0.0.1:8081");
  });

  it("refuses an expired token without echoing it", async () => {
    const token = await jwt(inDays(-1));
    const run = () =>
      loadSettings({ ...APP, JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: token }, NOW);
    expect(run).toThrow(/JFROG_ACCESS_TOKEN expired at 2026-11-25T00:00:00.000Z/);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain(token);
    }
  });

  it("warns when the token expires within 14 days", async () => {
    const token = await jwt(inDays(3));
    const { warnings } = loadSettings(
      { ...APP, JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: token },
      NOW,
    );
    expect(warnings).toEqual([
      "JFROG_ACCESS_TOKEN expires at 2026-11-29T00:00:00.000Z (in 3 days): rotate it soon",
    ]);
  });

  it("warns that a non-JWT token's expiry cannot be checked", () => {
    const { warnings } = loadSettings(
      { ...APP, JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN: "cmVmdGtuOjAxOjE3" },
      NOW,
    );
    expect(warnings[0]).toMatch(/not a JWT/);
  });

  it("reads the token from JFROG_ACCESS_TOKEN_FILE, and names the file when it cannot", async () => {
    const token = await jwt(inDays(90));
    const files: Record<string, string> = { "/run/secrets/jfrog": `${token}\n` };
    const read = (path: string) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return content;
    };
    const env = { ...APP, JFROG_URL: "https://acme.jfrog.io", JFROG_ACCESS_TOKEN_FILE: "/run/secrets/jfrog" };
    expect(loadSettings(env, NOW, read).settings.jfrogToken).toBe(token);
    expect(() => loadSettings({ ...env, JFROG_ACCESS_TOKEN_FILE: "/missing" }, NOW, read)).toThrow(
      "JFROG_ACCESS_TOKEN_FILE (/missing) cannot be read (ENOENT)",
    );
  });
});

describe("operatorSecrets", () => {
  it("lists every secret the logger must scrub, read from files too, skipping what cannot be read", () => {
    const files: Record<string, string> = {
      "/run/secrets/jfrog": "file-token-abcdefgh\n",
      "/keys/app.pem": "-----BEGIN RSA PRIVATE KEY-----\nkey\n-----END RSA PRIVATE KEY-----\n",
    };
    const read = (path: string) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error("nope"), { code: "ENOENT" });
      return content;
    };
    expect(
      operatorSecrets(
        {
          JFROG_ACCESS_TOKEN_FILE: "/run/secrets/jfrog",
          PRIVATE_KEY_PATH: "/keys/app.pem",
          WEBHOOK_SECRET: "hook-secret",
        },
        read,
      ),
    ).toEqual([
      "file-token-abcdefgh",
      "-----BEGIN RSA PRIVATE KEY-----\nkey\n-----END RSA PRIVATE KEY-----",
      "hook-secret",
    ]);
    expect(
      operatorSecrets({ JFROG_ACCESS_TOKEN: " inline-token \n", JFROG_ACCESS_TOKEN_FILE: "/missing" }, read),
    ).toEqual(["inline-token"]);
  });
});
