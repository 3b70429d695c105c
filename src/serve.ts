/**
 * Production's webhook server: Probot's `Server`, built from the checked settings. Not Probot's `run`, which would
 * re-read the environment behind the check (letting `.env` override it), fall back to a stray `*.pem` in the
 * working directory, and start its interactive setup mode when the app id or key is missing.
 */
import type { Logger } from "pino";
import { type ApplicationFunction, Probot, type ProbotOctokit, Server } from "probot";
import type { Settings } from "./settings.js";

export async function serve(
  app: ApplicationFunction,
  settings: Settings,
  log: Logger,
  /** Probot's Octokit with its throttling agreeing with the content budget (rollout/octokit-throttle.ts). */
  Octokit?: typeof ProbotOctokit,
): Promise<Server> {
  const { github, server: where } = settings;
  const server = new Server({
    // Port 0 (tests: any free port) would be read as unset by Probot (`options.port || 3000`, a fixed port);
    // Node's listen takes the string "0" for the same "any free port".
    port: where.port === 0 ? ("0" as unknown as number) : where.port,
    ...(where.host && { host: where.host }),
    ...(where.webhookPath && { webhookPath: where.webhookPath }),
    ...(where.webhookProxy && { webhookProxy: where.webhookProxy }),
    log,
    Probot: Probot.defaults({
      appId: github.appId,
      privateKey: github.privateKey,
      secret: github.webhookSecret,
      baseUrl: where.githubApiUrl,
      // Probot 14 clusters its request throttling (Bottleneck) through this Redis; the throttle options of
      // `Octokit` (rollout/octokit-throttle.ts) still apply on top.
      ...(settings.redisUrl && { redisConfig: settings.redisUrl }),
      log,
      ...(Octokit && { Octokit }),
    }),
  });
  await server.load(app);
  // Stopping it on SIGTERM/SIGINT (and draining the jobs) is main.ts's: the server is one part of shutting down.
  await server.start();
  return server;
}
