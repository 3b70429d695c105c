/**
 * Production entry point (`npm start`): a logger that cannot leak the operator's secrets, then start-up.
 * SIGTERM/SIGINT: stop taking work, let running jobs finish within SHUTDOWN_GRACE (25 s), exit 0; the start-up
 * sweep of the next process picks up whatever was still queued.
 */
import { run } from "probot";
import { createLogger } from "./logger.js";
import { probotOctokit } from "./rollout/octokit-throttle.js";
import { operatorSecrets } from "./settings.js";
import { start } from "./start.js";

const env = process.env;
const log = await createLogger({
  level: env.LOG_LEVEL,
  logFormat: env.LOG_FORMAT,
  logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
  secrets: operatorSecrets(env),
});
let server: { stop(): Promise<unknown> } | undefined;
const exitCode = await start(env, {
  log,
  run: async (app) => {
    server = await run(app, { log, Octokit: probotOctokit() });
  },
  onFatal: (code) => process.exit(code),
  onStarted: (app, rollout) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "stopping");
      await server?.stop();
      await app.shutdown(rollout.shutdownGraceMs);
      process.exit(0);
    };
    process.on("SIGTERM", () => void stop("SIGTERM"));
    process.on("SIGINT", () => void stop("SIGINT"));
  },
});
if (exitCode !== undefined) process.exitCode = exitCode;
