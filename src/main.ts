/**
 * Production entry point (`npm start`): check the operator's settings and JFrog, then run the Probot server.
 * Any problem here stops start-up with a message naming the variable and what a valid value looks like.
 */
import { run } from "probot";
import { createApp } from "./index.js";
import { JFrogClient } from "./jfrog/client.js";
import { createLogger } from "./logger.js";
import { OrgMemory } from "./reconcile/org-gate.js";
import { RepositoryQueue } from "./rollout/repository-queue.js";
import { loadSettings, SettingsError } from "./settings.js";

async function main(): Promise<void> {
  const env = process.env;
  const log = await createLogger({
    level: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    secrets: [env.JFROG_ACCESS_TOKEN, env.PRIVATE_KEY, env.WEBHOOK_SECRET].filter((s): s is string => !!s),
  });
  let loaded: ReturnType<typeof loadSettings>;
  try {
    loaded = loadSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    log.fatal(error.message);
    process.exitCode = 1;
    return;
  }
  const { settings, warnings } = loaded;
  for (const warning of warnings) log.warn(warning);

  const jfrog = new JFrogClient({ baseUrl: settings.jfrogUrl, token: settings.jfrogToken });
  try {
    await jfrog.checkAccess();
  } catch (error) {
    log.fatal({ jfrogUrl: settings.jfrogUrl }, `JFrog check failed at start-up: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  log.info({ jfrogUrl: settings.jfrogUrl, dryRun: settings.dryRun }, "JFrog answers and accepts the token");

  const queue = new RepositoryQueue({
    concurrency: 4,
    // Back off across a JFrog or GitHub outage: about 1 h 15 min of retries before giving up on a job.
    retryDelaysMs: [30_000, 120_000, 600_000, 1_800_000, 1_800_000],
    log,
  });
  await run(createApp({ settings, jfrog, queue, orgMemory: new OrgMemory() }), { log });
}

await main();
