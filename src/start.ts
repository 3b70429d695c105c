/**
 * Start-up, separated from the process so it can be tested: check the operator's settings and JFrog, then hand
 * the app to Probot. Bad settings and refused credentials (401/403) stop start-up with a message naming what to
 * fix; JFrog unreachable or failing (5xx) does not: the app starts NOT READY and keeps checking (see
 * rollout/lifecycle.ts), since an outage ends by itself and a crash loop helps nobody.
 */
import type { ApplicationFunction, Logger } from "probot";
import { type ComposedApp, composeApp, RETRY_DELAYS_MS } from "./compose.js";
import { JFrogClient, type JFrogClientOptions } from "./jfrog/client.js";
import { connectRedis } from "./rollout/redis/connection.js";
import { loadRolloutSettings, type RolloutSettings } from "./rollout/rollout-settings.js";
import { TokenFile } from "./settings/token-file.js";
import { loadSettings, type Settings, SettingsError } from "./settings.js";

export { RETRY_DELAYS_MS };

export interface StartOptions {
  log: Logger;
  /** The webhook server in production (`serve`); tests pass a recorder. */
  run: (app: ApplicationFunction, settings: Settings, rollout: RolloutSettings) => Promise<unknown>;
  jfrogClientOptions?: Partial<JFrogClientOptions>;
  /** Told of the composed app once it runs, e.g. to drain it on SIGTERM (see main.ts). */
  onStarted?: (app: ComposedApp, rollout: RolloutSettings) => void;
  /** A secret read after start-up (a rotated JFrog token): the logger must redact it too (logger.ts SecretValues). */
  redact?: (secret: string) => void;
  /** Start-up found refused GitHub credentials after Probot started: production exits. */
  onFatal?: (code: number) => void;
}

/** Resolves to the process exit code when start-up fails, or undefined once the server runs. */
export async function start(env: NodeJS.ProcessEnv, options: StartOptions): Promise<number | undefined> {
  const { log } = options;
  let loaded: ReturnType<typeof loadSettings>;
  let rollout: RolloutSettings;
  try {
    loaded = loadSettings(env);
    rollout = loadRolloutSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    // One line per problem, all of them: the operator fixes everything in one go.
    for (const problem of error.problems) log.fatal(problem);
    log.fatal(`${error.problems.length} setting(s) to fix before the app can start (see .env.example)`);
    return 1;
  }
  const { settings, warnings } = loaded;
  for (const warning of warnings) log.warn(warning);

  // A token file is re-read when it changes (a rotated Kubernetes or Docker secret): no restart needed.
  const tokenFile =
    env.JFROG_ACCESS_TOKEN_FILE &&
    new TokenFile({
      path: env.JFROG_ACCESS_TOKEN_FILE,
      initial: settings.jfrogToken,
      log,
      ...(options.redact && { onNewToken: options.redact }),
    });
  const jfrog = new JFrogClient({
    baseUrl: settings.jfrogUrl,
    token: tokenFile || settings.jfrogToken,
    ...options.jfrogClientOptions,
  });
  try {
    await jfrog.checkAccess();
    log.info({ jfrogUrl: settings.jfrogUrl, dryRun: settings.dryRun }, "JFrog answers and accepts the token");
  } catch (error) {
    if ((error as { kind?: string }).kind === "auth") {
      log.fatal(
        { jfrogUrl: settings.jfrogUrl },
        `JFrog check failed at start-up: ${(error as Error).message}`,
      );
      return 1;
    }
    // Not ready yet: the lifecycle keeps checking in the background and reports readiness when JFrog answers.
    log.warn(
      { jfrogUrl: settings.jfrogUrl },
      `JFrog unreachable at start-up; starting not ready and retrying: ${(error as Error).message}`,
    );
  }

  const redis = settings.redisUrl ? connectRedis(settings.redisUrl) : undefined;
  // ioredis reconnects by itself; without a listener each failed attempt is an "Unhandled error event" on stderr.
  redis?.on("error", (error: Error) =>
    log.warn({ err: error.message }, "Redis connection failed; reconnecting"),
  );
  const app = composeApp({
    settings: {
      jfrogUrl: settings.jfrogUrl,
      dryRun: settings.dryRun,
      ...(settings.githubIssuer && { githubIssuer: settings.githubIssuer }),
    },
    jfrog,
    log,
    budgetLimits: rollout.budget,
    concurrency: rollout.concurrency,
    sweepIntervalMs: rollout.sweepIntervalMs,
    ...(rollout.retryDelaysMs && { retryDelaysMs: rollout.retryDelaysMs }),
    background: { startupChecks: true, redeliver: true, sweep: true },
    ...(redis && {
      redis: {
        connection: redis,
        ...(rollout.redisLockMs !== undefined && { lockMs: rollout.redisLockMs }),
      },
    }),
    // Daily: the token's expiry and JFrog's acceptance of it, of the token in the file as it is now.
    tokenWatch: { token: () => (tokenFile ? tokenFile.current() : settings.jfrogToken) },
    ...(options.onFatal && { onFatal: options.onFatal }),
  });
  try {
    await options.run(app.appFn, settings, rollout);
  } catch (error) {
    await redis?.quit().catch(() => redis.disconnect());
    // A port in use or an address that does not exist here: the operator's to fix, said in one line.
    const { port, host } = settings.server;
    log.fatal({ port, host }, `the webhook server could not start: ${(error as Error).message}`);
    return 1;
  }
  options.onStarted?.(app, rollout);
  return undefined;
}
