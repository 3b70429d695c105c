/**
/**
 * Production entry point (`npm start`): the `.env` file under the environment, a logger that cannot leak the
 * operator's secrets, then start-up (every setting checked, JFrog checked, then the webhook server).
 * SIGTERM/SIGINT: stop taking deliveries and work, let running jobs finish within SHUTDOWN_GRACE (25 s), exit 0;
 * the start-up sweep of the next process picks up whatever was still queued.
 */
import { createLogger, SecretValues } from "./logger.js";
import { probotOctokit } from "./rollout/octokit-throttle.js";
import { serve } from "./serve.js";
import { withEnvFile } from "./settings/env-file.js";
import { logLevelOrDefault } from "./settings/server.js";
import { operatorSecrets } from "./settings.js";
import { start } from "./start.js";

const { env, problem } = withEnvFile(process.env);
const secrets = new SecretValues(operatorSecrets(env));
const log = await createLogger({
  // A wrong LOG_LEVEL is reported by the settings check, through a logger that still works.
  level: logLevelOrDefault(env.LOG_LEVEL),
  logFormat: env.LOG_FORMAT === "pretty" ? "pretty" : "json",
  logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
  secrets,
});
if (problem) {
  log.fatal(problem);
  process.exitCode = 1;
} else {
  let server: { stop(): Promise<unknown> } | undefined;
  const exitCode = await start(env, {
    log,
    redact: (secret) => secrets.add(secret),
    run: async (app, settings, rollout) => {
      // A scaled-down budget window (GITHUB_WRITES_WINDOW, tests) has no room for one-write-a-second smoothing.
      const smoothing = rollout.budget.minuteMs === undefined;
      server = await serve(app, settings, log, probotOctokit({ smoothing }));
    },
    onFatal: (code) => process.exit(code),
    onStarted: (app, rollout) => {
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, "stopping");
        const started = Date.now();
        const grace = rollout.shutdownGraceMs;
        // The server stops taking connections at once, then waits for deliveries in flight, which may wait on a
        // Redis that is gone: it gets a fifth of the grace, the queue the rest (a delivery cut short is redelivered
        // or swept up).
        await within(
          server?.stop().catch(() => {}),
          grace / 5,
        );
        await app.shutdown(Math.max(0, grace - (Date.now() - started)));
        process.exit(0);
      };
      process.on("SIGTERM", () => void stop("SIGTERM"));
      process.on("SIGINT", () => void stop("SIGINT"));
    },
  });
  if (exitCode !== undefined) process.exitCode = exitCode;
}

/** Waits for `work`, but no longer than `ms`. */
async function within(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
