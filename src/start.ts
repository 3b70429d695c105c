/**
 * Start-up, separated from the process so it can be tested: check the operator's settings and JFrog, then hand
 * the app to Probot. Any problem stops start-up with a message naming the variable and what a valid value is.
 */
import type { ApplicationFunction, Logger } from "probot";
import { createApp } from "./index.js";
import { JFrogClient, type JFrogClientOptions } from "./jfrog/client.js";
import { OrgMemory } from "./reconcile/org-gate.js";
import { RepositoryQueue } from "./rollout/repository-queue.js";
import { loadSettings, type Settings, SettingsError } from "./settings.js";

/** Back off across a JFrog or GitHub outage: about 1 h 15 min of retries before a job is reported and dropped. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 1_800_000];

export interface StartOptions {
  log: Logger;
  /** The webhook server in production (`serve`); tests pass a recorder. */
  run: (app: ApplicationFunction, settings: Settings) => Promise<unknown>;
  jfrogClientOptions?: Partial<JFrogClientOptions>;
}

/** Resolves to the process exit code when start-up fails, or undefined once the server runs. */
export async function start(env: NodeJS.ProcessEnv, options: StartOptions): Promise<number | undefined> {
  const { log } = options;
  let loaded: ReturnType<typeof loadSettings>;
  try {
    loaded = loadSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    // One line per problem, all of them: the operator fixes everything in one go.
    for (const problem of error.problems) log.fatal(problem);
    log.fatal(`${error.problems.length} setting(s) to fix before the app can start (see .env.example)`);
    return 1;
  }
  const { settings, warnings } = loaded;
  for (const warning of warnings) log.warn(warning);

  const jfrog = new JFrogClient({
    baseUrl: settings.jfrogUrl,
    token: settings.jfrogToken,
    ...options.jfrogClientOptions,
  });
  try {
    await jfrog.checkAccess();
  } catch (error) {
    log.fatal({ jfrogUrl: settings.jfrogUrl }, `JFrog check failed at start-up: ${(error as Error).message}`);
    return 1;
  }
  log.info({ jfrogUrl: settings.jfrogUrl, dryRun: settings.dryRun }, "JFrog answers and accepts the token");

  const queue = new RepositoryQueue({ concurrency: 4, retryDelaysMs: RETRY_DELAYS_MS, log });
  try {
    await options.run(createApp({ settings, jfrog, queue, orgMemory: new OrgMemory() }), settings);
  } catch (error) {
    // A port in use or an address that does not exist here: the operator's to fix, said in one line.
    const { port, host } = settings.server;
    log.fatal({ port, host }, `the webhook server could not start: ${(error as Error).message}`);
    return 1;
  }
  return undefined;
}
