/**
 * Operator settings: read once from the environment at start-up and checked before anything else runs.
 *
 * The JFrog URL and token come from here only. Nothing in any repository can point the app at another JFrog
 * or read the token: no policy field names a URL or a credential.
 */
import { readFileSync } from "node:fs";
import { issuerForHost } from "./config/issuer.js";
import { jfrogUrlProblem } from "./jfrog/base-url.js";
import { inspectAdminToken } from "./jfrog/token-info.js";

export interface Settings {
  /** Base URL of the JFrog Platform, without a trailing slash, e.g. `https://acme.jfrog.io`. */
  jfrogUrl: string;
  jfrogToken: string;
  /** Plan and log, write nothing to JFrog or GitHub. */
  dryRun: boolean;
  /**
   * The OIDC issuer of this GitHub's Actions tokens, the policy's default `provider.issuer`: GitHub.com's, or
   * `https://<GHE_HOST>/_services/token` on GitHub Enterprise Server.
   */
  githubIssuer?: string;
}

export interface SettingsResult {
  settings: Settings;
  /** Problems worth a warning at start-up that do not stop it. */
  warnings: string[];
}

export class SettingsError extends Error {
  override name = "SettingsError";
}

type Env = Record<string, string | undefined>;

type ReadFile = (path: string) => string;

const readUtf8: ReadFile = (path) => readFileSync(path, "utf8");

export function loadSettings(
  env: Env,
  now: Date = new Date(),
  readFile: ReadFile = readUtf8,
): SettingsResult {
  const jfrogUrl = parseJfrogUrl(env.JFROG_URL);
  const jfrogToken = readToken(env, readFile);
  // Problems with the token name the variable the operator actually set.
  const variable = env.JFROG_ACCESS_TOKEN_FILE?.trim()
    ? "the token in JFROG_ACCESS_TOKEN_FILE"
    : "JFROG_ACCESS_TOKEN";
  const warnings = checkAdminToken(jfrogToken, now, variable);
  const githubIssuer = parseGheHost(env.GHE_HOST);
  const dryRun = parseBoolean("DRY_RUN", env.DRY_RUN);
  return { settings: { jfrogUrl, jfrogToken, dryRun, githubIssuer }, warnings };
}

/**
 * Every secret value the operator configured, inline or in a file, for the logger to scrub from each line. Needed
 * before the settings are checked (the logger reports their problems), so a file that cannot be read is skipped
 * here and reported by `loadSettings`.
 */
export function operatorSecrets(env: Env, readFile: ReadFile = readUtf8): string[] {
  const fromFile = (path: string | undefined) => {
    if (!path?.trim()) return undefined;
    try {
      return readFile(path.trim()).trim();
    } catch {
      return undefined;
    }
  };
  return [
    env.JFROG_ACCESS_TOKEN?.trim(),
    fromFile(env.JFROG_ACCESS_TOKEN_FILE),
    env.PRIVATE_KEY,
    fromFile(env.PRIVATE_KEY_PATH),
    env.WEBHOOK_SECRET,
  ].filter((secret): secret is string => !!secret);
}

function parseJfrogUrl(raw: string | undefined): string {
  const example = "a valid value looks like JFROG_URL=https://acme.jfrog.io";
  if (!raw?.trim()) throw new SettingsError(`JFROG_URL is not set: ${example}`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SettingsError(`JFROG_URL is not a URL: ${example}`);
  }
  const problem = jfrogUrlProblem(url);
  if (problem) throw new SettingsError(`JFROG_URL ${problem}: ${example}`);
  // People paste the Access or Artifactory URL; the platform base is what the workflow needs too.
  const path = url.pathname.replace(/\/+$/, "").replace(/\/(access|artifactory)$/, "");
  return `${url.origin}${path}`;
}

function readToken(env: Env, readFile: ReadFile): string {
  const inline = env.JFROG_ACCESS_TOKEN?.trim();
  const file = env.JFROG_ACCESS_TOKEN_FILE?.trim();
  if (inline && file)
    throw new SettingsError("Set only one of JFROG_ACCESS_TOKEN and JFROG_ACCESS_TOKEN_FILE, not both");
  if (file) {
    let content: string;
    try {
      content = readFile(file).trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new SettingsError(`JFROG_ACCESS_TOKEN_FILE (${file}) cannot be read (${code})`);
    }
    if (!content) throw new SettingsError(`JFROG_ACCESS_TOKEN_FILE (${file}) is empty`);
    return assertTokenShape(content, "JFROG_ACCESS_TOKEN_FILE");
  }
  if (!inline)
    throw new SettingsError(
      "JFROG_ACCESS_TOKEN is not set: create an admin (or project admin) access token in JFrog and set " +
        "JFROG_ACCESS_TOKEN=<token> or JFROG_ACCESS_TOKEN_FILE=/run/secrets/jfrog-token",
    );
  return assertTokenShape(inline, "JFROG_ACCESS_TOKEN");
}

/** A token with whitespace inside was pasted wrong; the message never repeats the value. */
function assertTokenShape(token: string, variable: string): string {
  if (/\s/.test(token)) throw new SettingsError(`${variable} contains whitespace: paste the token alone`);
  return token;
}

/**
 * JFrog access tokens are JWTs: decoding (not verifying) tells us when they expire and what they may do.
 * An expired token stops start-up; the rest are warnings.
 */
function checkAdminToken(token: string, now: Date, variable: string): string[] {
  const info = inspectAdminToken(token, now);
  if (!info.isJwt)
    return [
      `${variable} is not a JWT (a reference token?): its expiry cannot be checked at start-up; ` +
        "prefer an access token so the app can warn before it expires",
    ];
  const expiresAt = info.expiresAt?.toISOString();
  if (info.expired)
    throw new SettingsError(`${variable} expired at ${expiresAt}: create a new token in JFrog and restart`);
  const warnings: string[] = [];
  if (info.expiresSoon && info.expiresAt) {
    const days = Math.floor((info.expiresAt.getTime() - now.getTime()) / 86_400_000);
    warnings.push(`${variable} expires at ${expiresAt} (in ${days} days): rotate it soon`);
  }
  if (!info.hasAdminScope)
    warnings.push(
      `${variable} has no admin scope: managing OIDC mappings needs an admin (or project admin) token`,
    );
  return warnings;
}

/** Probot's `GHE_HOST` (a host name, no scheme) also decides where Actions tokens come from. */
function parseGheHost(raw: string | undefined): string {
  const issuer = issuerForHost(raw);
  if (issuer === null)
    throw new SettingsError(
      `GHE_HOST must be the host name of GitHub Enterprise Server, such as GHE_HOST=github.acme.com (got "${raw}")`,
    );
  return issuer;
}

function parseBoolean(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw.trim() === "") return false;
  const value = raw.trim().toLowerCase();
  if (["true", "1", "yes"].includes(value)) return true;
  if (["false", "0", "no"].includes(value)) return false;
  throw new SettingsError(`${name} must be true or false (got "${raw}")`);
}
