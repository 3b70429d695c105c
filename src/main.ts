/** Production entry point (`npm start`): a logger that cannot leak the operator's secrets, then start-up. */
import { run } from "probot";
import { createLogger } from "./logger.js";
import { start } from "./start.js";

const env = process.env;
const log = await createLogger({
  level: env.LOG_LEVEL,
  logFormat: env.LOG_FORMAT,
  logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
  secrets: [env.JFROG_ACCESS_TOKEN, env.PRIVATE_KEY, env.WEBHOOK_SECRET].filter((s): s is string => !!s),
});
const exitCode = await start(env, { log, run: (app) => run(app, { log }) });
if (exitCode !== undefined) process.exitCode = exitCode;
