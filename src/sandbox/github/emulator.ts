/**
 * A stateful GitHub API emulator on 127.0.0.1 laid out like GitHub Enterprise Server (REST under `/api/v3`,
 * GraphQL at `/api/graphql`), so the real app reaches it through Probot's `baseUrl`/`GHE_HOST` settings. It
 * authenticates the app's JWT and installation tokens, enforces permissions and GitHub's content-creation limit,
 * counts requests per repository, injects faults, and sends signed webhooks for what happens in it.
 */
import { type FaultControl, Faults } from "../shared/faults.js";
import { type AnswerListener, RequestLog, type RequestRecord } from "../shared/request-log.js";
import { type RequestHandler, startHttpServer } from "../shared/server.js";
import { TokenStore } from "./auth/tokens.js";
import { type Control, createControl } from "./control.js";
import type { Core } from "./core.js";
import { createFront } from "./front.js";
import { ContentBudget, type ContentLimits, GITHUB_CONTENT_LIMITS } from "./limits.js";
import { Operations } from "./operations.js";
import { createRepoAdmin, type RepoAdmin } from "./repo-admin.js";
import { urlsFor } from "./shapes/urls.js";
import { GitHubStore } from "./state/store.js";
import { type RepoUsage, Usage } from "./usage.js";
import { announcer } from "./webhooks/announce.js";
import {
  type DeliveryRecord,
  type SendOptions,
  WebhookSender,
  type WebhookTarget,
} from "./webhooks/sender.js";

export interface GitHubEmulatorOptions {
  /**
   * The emulator's clock: secondary-limit windows and timestamps. Pass a `ManualClock`'s `now` to let minutes
   * pass in a test. Installation tokens and app JWTs keep real time, because the app signs and caches by it.
   */
  now?: () => Date;
  /** Content-creation limits per actor; GitHub's 80 per minute and 500 per hour by default. */
  limits?: ContentLimits;
  /** Where webhooks go; set later with `webhooks.target` when the app starts after the emulator. */
  webhook?: WebhookTarget;
}

export interface GitHubEmulator extends Control, RepoAdmin {
  /** `http://127.0.0.1:<port>`: the GHE host (`GHE_HOST=127.0.0.1:<port>`, `GHE_PROTOCOL=http`). */
  readonly url: string;
  /** `<url>/api/v3`: Probot's and Octokit's `baseUrl`. */
  readonly apiUrl: string;
  readonly graphqlUrl: string;
  /** Requests in the order they were answered, with the JSON bodies read (never headers: tokens live there). */
  readonly requests: readonly RequestRecord[];
  /** See RequestLog.onAnswer: told of each answer before the client reads it; returns the unsubscribe. */
  onAnswer(listener: AnswerListener): () => void;
  /** How many requests were answered so far (without copying them). */
  readonly requestCount: number;
  /** The requests answered from index `start` on. */
  requestsSince(start: number): readonly RequestRecord[];
  /** Per repository (`owner/name`): requests, admitted content-generating requests, and refused ones. */
  usage(): Record<string, RepoUsage>;
  limits: ContentLimits;
  readonly faults: FaultControl;
  readonly webhooks: {
    target: WebhookTarget | undefined;
    readonly deliveries: readonly DeliveryRecord[];
    /** Deliveries being sent or queued. */
    readonly inFlight: number;
    send(event: string, payload: object, options?: SendOptions): Promise<DeliveryRecord>;
    redeliver(id: number): Promise<DeliveryRecord | undefined>;
    idle(): Promise<void>;
  };
  close(): Promise<void>;
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const now = options.now ?? (() => new Date());
  const store = new GitHubStore();
  const faults = new Faults();
  const log = new RequestLog();
  const closing = new AbortController();
  // Requests only arrive once this function has returned the URL, by which time `handle` is wired.
  let handle: RequestHandler = async (_req, res) => void res.writeHead(503).end();
  const server = await startHttpServer((req, res) => handle(req, res));
  const urls = urlsFor(server.url);
  const webhooks = new WebhookSender(now, 1, () => store.app?.id, options.webhook);
  const parts = { store, now, urls, webhooks, tokens: new TokenStore(), usage: new Usage() };
  const core: Core = {
    ...parts,
    budget: new ContentBudget(now, options.limits ?? GITHUB_CONTENT_LIMITS),
    ops: new Operations(store, now, announcer(parts)),
  };
  handle = createFront({ core, faults, log, closing: closing.signal });
  const control = createControl(core);
  return {
    ...control,
    ...createRepoAdmin(core),
    url: server.url,
    apiUrl: urls.api,
    graphqlUrl: `${server.url}/api/graphql`,
    get requests() {
      return log.records;
    },
    onAnswer: (listener) => log.onAnswer(listener),
    get requestCount() {
      return log.count;
    },
    requestsSince: (start) => log.since(start),
    usage: () => core.usage.snapshot(),
    get limits() {
      return core.budget.limits;
    },
    set limits(limits: ContentLimits) {
      core.budget.limits = limits;
    },
    faults: faults.control,
    webhooks: {
      get target() {
        return webhooks.target;
      },
      set target(target: WebhookTarget | undefined) {
        webhooks.target = target;
      },
      get deliveries() {
        return webhooks.deliveries;
      },
      get inFlight() {
        return webhooks.inFlight;
      },
      send: (event, payload, sendOptions) => webhooks.send(event, payload, sendOptions),
      redeliver: (id) => webhooks.redeliver(id),
      idle: () => webhooks.idle(),
    },
    async close() {
      closing.abort();
      await webhooks.idle();
      await server.close();
    },
  };
}
