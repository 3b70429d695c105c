/**
 * Operator settings: every environment variable the app reads, checked in one place at start-up before anything
 * else runs. Each setting is a schema over the environment (src/settings/*); all of them are checked, and every
 * problem is reported at once, each naming its variable and a valid value, never a secret's value.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { issuerForHost } from "./config/issuer.js";
import type { JFrogUrl } from "./jfrog/base-url.js";
import {
  appIdSetting,
  privateKeySetting,
  type ReadFile,
  webhookSecretSetting,
} from "./settings/github-app.js";
import { jfrogTokenSetting, jfrogUrlSetting } from "./settings/jfrog.js";
import { redisSetting } from "./settings/redis.js";
import { type LogSettings, logSetting, type ServerSettings, serverSetting } from "./settings/server.js";
import { type Env, parseBoolean, setting } from "./settings/variables.js";

export interface Settings {
  /** Base URL of the JFrog Platform, without a trailing slash, e.g. `https://acme.jfrog.io`. */
  jfrogUrl: JFrogUrl;
  jfrogToken: string;
  /** Plan and log, write nothing to JFrog or GitHub. */
  dryRun: boolean;
  github: { appId: number; privateKey: string; webhookSecret: string };
  server: ServerSettings;
  log: LogSettings;
  /**
   * The OIDC issuer of this GitHub's Actions tokens, the policy's default `provider.issuer`: GitHub.com's, or
   * `https://<GHE_HOST>/_services/token` on GitHub Enterprise Server.
   */
  githubIssuer?: string;
  /** Scale-out: the shared Redis of every replica (queue, budget, leases, Probot's throttling). */
  redisUrl?: string;
}

export interface SettingsResult {
  settings: Settings;
  /** Problems worth a warning at start-up that do not stop it. */
  warnings: string[];
}

export class SettingsError extends Error {
  override name = "SettingsError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("; "));
  }
}

const readUtf8: ReadFile = (path) => readFileSync(path, "utf8");

const dryRunSetting = setting(["DRY_RUN"], ({ DRY_RUN }, report) => parseBoolean("DRY_RUN", DRY_RUN, report));

export function loadSettings(
  env: Env,
  now: Date = new Date(),
  readFile: ReadFile = readUtf8,
): SettingsResult {
  const { check, done } = checker(env);
  const jfrogUrl = check(jfrogUrlSetting);
  const token = check(jfrogTokenSetting(readFile, now));
  const dryRun = check(dryRunSetting);
  const appId = check(appIdSetting);
  const privateKey = check(privateKeySetting(readFile));
  const webhookSecret = check(webhookSecretSetting);
  const server = check(serverSetting);
  const log = check(logSetting);
  const redisUrl = check(redisSetting);
  done();
  return {
    settings: {
      jfrogUrl,
      jfrogToken: token.token,
      dryRun,
      github: { appId, privateKey, webhookSecret },
      server,
      log,
      // GHE_HOST is checked as a host name by serverSetting above; its issuer follows from it.
      githubIssuer: issuerForHost(env.GHE_HOST) ?? undefined,
      ...(redisUrl && { redisUrl }),
    },
    warnings: token.warnings,
  };
}

/** What the read-only CLI needs: JFrog and the app's credentials, not the webhook server's secret or address. */
export interface CliSettings {
  jfrogUrl: JFrogUrl;
  jfrogToken: string;
  github: { appId: number; privateKey: string; apiUrl: string };
}

export function loadCliSettings(
  env: Env,
  now: Date = new Date(),
  readFile: ReadFile = readUtf8,
): { settings: CliSettings; warnings: string[] } {
  const { check, done } = checker(env);
  const jfrogUrl = check(jfrogUrlSetting);
  const token = check(jfrogTokenSetting(readFile, now));
  const appId = check(appIdSetting);
  const privateKey = check(privateKeySetting(readFile));
  const server = check(serverSetting);
  done();
  return {
    settings: {
      jfrogUrl,
      jfrogToken: token.token,
      github: { appId, privateKey, apiUrl: server.githubApiUrl },
    },
    warnings: token.warnings,
  };
}

/** Every setting is checked, whatever came before: the operator sees all problems in one go. */
function checker(env: Env) {
  const problems: string[] = [];
  return {
    check<T>(schema: z.ZodType<T>): T {
      const result = schema.safeParse(env);
      if (result.success) return result.data;
      problems.push(...result.error.issues.map((issue) => issue.message));
      return undefined as T;
    },
    done(): void {
      if (problems.length) throw new SettingsError(problems);
    },
  };
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
    // Its password, not the whole URL (a URL without one is no secret, and the host is worth seeing in the log).
    redisPassword(env.REDIS_URL),
  ].filter((secret): secret is string => !!secret);
}

function redisPassword(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url.trim())) return undefined;
  const { password } = new URL(url.trim());
  return password ? decodeURIComponent(password) : undefined;
}
