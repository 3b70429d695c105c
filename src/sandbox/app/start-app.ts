/**
 * The REAL app, built by the one composition root (src/compose.ts) the way production builds it (Probot, the real
 * JFrog client, queue, budget and worker) but pointed at the emulators: Probot's `baseUrl` is the GitHub
 * emulator's `/api/v3`, exactly what `GHE_HOST=127.0.0.1:<port> GHE_PROTOCOL=http` gives in production. Its
 * webhook server listens on 127.0.0.1:0.
 */

import type { Logger } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { type ComposedApp, type ComposeOptions, composeApp } from "../../compose.js";
import { JFrogClient } from "../../jfrog/client.js";
import type { RetryPolicy } from "../../jfrog/retry.js";
import type { InMemoryJobQueue } from "../../rollout/memory-queue.js";
import type { Clock } from "../../rollout/ports.js";
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
  /** The GitHub Actions issuer of a GitHub Enterprise Server (what GHE_HOST gives in production). */
  githubIssuer?: string;
  /** Retry back-off of failed jobs; tests move the clock to fire them. */
  retryDelaysMs?: readonly number[];
  clock?: Clock;
  jfrogRetry?: RetryPolicy;
  budgetLimits?: ComposeOptions["budgetLimits"];
  background?: ComposeOptions["background"];
  /** Redis mode (REDIS_URL): a shared queue, budget and sweep lease; several apps may run against one world. */
  redis?: ComposeOptions["redis"];
  /** The daily JFrog token watch, as production starts it (off unless given). */
  tokenWatch?: ComposeOptions["tokenWatch"];
}

export interface RunningApp {
  /** Where GitHub (the emulator) delivers webhooks. */
  readonly webhookUrl: string;
  /** The in-process queue (without `redis`; the Redis one is `composed.queue`). */
  readonly queue: InMemoryJobQueue;
  readonly composed: ComposedApp;
  close(): Promise<void>;
}

const WEBHOOK_PATH = "/api/github/webhooks";

/**
 * Probot's client as in production, with two local adjustments: no client-side pacing (the throttling plugin
 * spaces writes 1 s apart and PRs 3 s apart in real time; the emulator enforces GitHub's limits itself on its own
 * clock, and the sandbox must finish in seconds), and Octokit's retries of 5xx answers kept but 100× faster.
 * The content budget, which schedules writes in production, runs here unchanged.
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
  const composed = composeApp({
    settings: {
      jfrogUrl: options.jfrogUrl,
      dryRun: options.dryRun ?? false,
      ...(options.githubIssuer && { githubIssuer: options.githubIssuer }),
    },
    jfrog,
    log: options.log,
    retryDelaysMs: options.retryDelaysMs ?? [200, 1_000],
    ...(options.clock && { clock: options.clock }),
    ...(options.budgetLimits && { budgetLimits: options.budgetLimits }),
    ...(options.background && { background: options.background }),
    ...(options.redis && { redis: options.redis }),
    ...(options.tokenWatch && { tokenWatch: options.tokenWatch }),
  });
  const middleware = await createNodeMiddleware(composed.appFn, { probot, webhooksPath: WEBHOOK_PATH });
  const server = await startHttpServer(async (req, res) => {
    await middleware(req, res, () => writeResponse(res, { status: 404, body: { error: "Not found" } }));
  });
  return {
    webhookUrl: `${server.url}${WEBHOOK_PATH}`,
    queue: composed.queue as InMemoryJobQueue,
    composed,
    close: async () => {
      await composed.shutdown(0);
      await server.close();
    },
  };
}
