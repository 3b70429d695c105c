/**
 * Production's webhook server: Probot's `Server`, built from the checked settings. Not Probot's `run`, which would
 * re-read the environment behind the check (letting `.env` override it), fall back to a stray `*.pem` in the
 * working directory, and start its interactive setup mode when the app id or key is missing.
 */
import type { Logger } from "pino";
import { type ApplicationFunction, Probot, Server } from "probot";
import type { Settings } from "./settings.js";

export async function serve(app: ApplicationFunction, settings: Settings, log: Logger): Promise<Server> {
  const { github, server: where } = settings;
  const server = new Server({
    port: where.port,
    ...(where.host && { host: where.host }),
    ...(where.webhookPath && { webhookPath: where.webhookPath }),
    ...(where.webhookProxy && { webhookProxy: where.webhookProxy }),
    log,
    Probot: Probot.defaults({
      appId: github.appId,
      privateKey: github.privateKey,
      secret: github.webhookSecret,
      baseUrl: where.githubApiUrl,
      log,
    }),
  });
  await server.load(app);
  await server.start();
  // Stop accepting deliveries on the orchestrator's signals; GitHub redelivers what a stopped server missed.
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      log.info({ signal }, "stopping the webhook server");
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  return server;
}
