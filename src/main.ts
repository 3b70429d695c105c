/** Production entry point (`npm start`): a logger that cannot leak the operator's secrets, then start-up. */
import { run } from "probot";
import { createLogger } from "./logger.js";
import { operatorSecrets } from "./settings.js";
import { start } from "./start.js";

const env = process.env;
const log = await createLogger({
  level: env.LOG_LEVEL,
  logFormat: env.LOG_FORMAT,
  logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
  secrets: operatorSecrets(env),
});
const exitCode = await start(env, { log, run: (app) => run(app, { log }) });
if (exitCode !== undefined) process.exitCode = exitCode;
