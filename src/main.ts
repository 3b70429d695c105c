/**
 * Production entry point (`npm start`): the `.env` file under the environment, a logger that cannot leak the
 * operator's secrets, then start-up (every setting checked, JFrog checked, then the webhook server).
 */
import { createLogger } from "./logger.js";
import { serve } from "./serve.js";
import { withEnvFile } from "./settings/env-file.js";
import { logLevelOrDefault } from "./settings/server.js";
import { operatorSecrets } from "./settings.js";
import { start } from "./start.js";

const { env, problem } = withEnvFile(process.env);
const log = await createLogger({
  // A wrong LOG_LEVEL is reported by the settings check, through a logger that still works.
  level: logLevelOrDefault(env.LOG_LEVEL),
  logFormat: env.LOG_FORMAT === "pretty" ? "pretty" : "json",
  logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
  secrets: operatorSecrets(env),
});
if (problem) {
  log.fatal(problem);
  process.exitCode = 1;
} else {
  const exitCode = await start(env, { log, run: (app, settings) => serve(app, settings, log) });
  if (exitCode !== undefined) process.exitCode = exitCode;
}
