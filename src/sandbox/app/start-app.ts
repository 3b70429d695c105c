/**
 * The REAL app, started the way production starts it (Probot + our `createApp`, the real JFrog client, queue and
 * org memory) but pointed at the emulators: Probot's `baseUrl` is the GitHub emulator's `/api/v3`, exactly what
 * `GHE_HOST=127.0.0.1:<port> GHE_PROTOCOL=http` gives in production. Its webhook server listens on 127.0.0.1:0.
 */

import type { Logger } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createApp } from "../../index.js";
import { JFrogClient } from "../../jfrog/client.js";
import type { RetryPolicy } from "../../jfrog/retry.js";
import { OrgMemory } from "../../reconcile/org-gate.js";
import { type QueueOptions, RepositoryQueue } from "../../rollout/repository-queue.js";
import { writeResponse } from "../shared/http.js";
import { startHttpServer } from "../shared/server.js";

export interface StartAppOptions {
  /** The GitHub emulator's REST base (`…/api/v3`); GraphQL is derived from it (`…/api/graphql`). */
  githubApiUrl: string;
  appId: number;
  privateKey: string;
  webhookSecret: string;
  jfrogUrl: string;
  jfrogToken: string;
  log: Logger;
  dryRun?: boolean;
  /** Retry back-off of failed repository jobs; tests fire them by hand through `setTimer`. */
  retryDelaysMs?: readonly number[];
  setTimer?: QueueOptions["setTimer"];
  jfrogRetry?: RetryPolicy;
}

export interface RunningApp {
  /** Where GitHub (the emulator) delivers webhooks. */
  readonly webhookUrl: string;
  readonly queue: RepositoryQueue;
  close(): Promise<void>;
}

const WEBHOOK_PATH = "/api/github/webhooks";

/**
 * Probot's client as in production, with two local adjustments: no client-side pacing (the throttling plugin
 * spaces writes 1 s apart and PRs 3 s apart to spare github.com; the emulator enforces GitHub's limits itself,
 * and the sandbox must finish in seconds), and Octokit's retries of 5xx answers kept but 100× faster.
 */
const LocalOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  throttle: { enabled: false },
  retry: { ...(options.retry as object | undefined), retryAfterBaseValue: 10 },
}));

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.webhookSecret,
    baseUrl: options.githubApiUrl,
    log: options.log,
    Octokit: LocalOctokit,
  });
  const jfrog = new JFrogClient({
    baseUrl: options.jfrogUrl,
    token: options.jfrogToken,
    ...(options.jfrogRetry && { retry: options.jfrogRetry }),
  });
  const queue = new RepositoryQueue({
    concurrency: 4,
    retryDelaysMs: options.retryDelaysMs ?? [200, 1_000],
    log: options.log,
    ...(options.setTimer && { setTimer: options.setTimer }),
  });
  const app = createApp({
    settings: { jfrogUrl: options.jfrogUrl, dryRun: options.dryRun ?? false },
    jfrog,
    queue,
    orgMemory: new OrgMemory(),
  });
  const middleware = await createNodeMiddleware(app, { probot, webhooksPath: WEBHOOK_PATH });
  const server = await startHttpServer(async (req, res) => {
    await middleware(req, res, () => writeResponse(res, { status: 404, body: { error: "Not found" } }));
  });
  return { webhookUrl: `${server.url}${WEBHOOK_PATH}`, queue, close: () => server.close() };
}
