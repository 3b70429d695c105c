/**
 * The real app inside a real Probot, with GitHub and JFrog faked at the network edge (nock). A test delivers
 * webhook payloads and waits for the queue to drain; then it reads what the fakes recorded and the log lines.
 */
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import type {
  InstallationRepositoriesEvent,
  IssueCommentEvent,
  PushEvent,
  RepositoryCreatedEvent,
  RepositoryEditedEvent,
} from "@octokit/webhooks-types";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { composeApp } from "../../src/compose.js";
import { JFrogClient } from "../../src/jfrog/client.js";
import { createLogger } from "../../src/logger.js";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { BudgetLimits } from "../../src/rollout/memory-budget.js";
import type { InMemoryJobQueue } from "../../src/rollout/memory-queue.js";
import { appKeyPair } from "../support/app-key.js";
import { FakeGitHub, type FakeRepo, INSTALLATION_TOKEN } from "./fake-github.js";
import { FakeJFrog, JFROG_TOKEN, JFROG_URL } from "./fake-jfrog.js";

const PRIVATE_KEY = appKeyPair().privateKey;

export const SECRETS = [JFROG_TOKEN, INSTALLATION_TOKEN, PRIVATE_KEY];

export interface HarnessOptions {
  dryRun?: boolean;
  /** The operator's GitHub Actions issuer (GHE_HOST), when not GitHub.com's. */
  githubIssuer?: string;
  retryDelaysMs?: number[];
  budgetLimits?: BudgetLimits;
}

export async function createHarness(options: HarnessOptions = {}) {
  const lines: string[] = [];
  const log = await createLogger({
    level: "debug",
    secrets: [JFROG_TOKEN, PRIVATE_KEY],
    destination: { write: (line: string) => void lines.push(line) },
  });
  const timeline: string[] = [];
  const github = new FakeGitHub(timeline);
  const jfrog = new FakeJFrog(timeline);
  github.install();
  jfrog.install();
  const unmatched: string[] = [];
  nock.emitter.on("no match", (req: { method?: string; path?: string }) =>
    unmatched.push(`${req.method} ${req.path}`),
  );

  // Time moves only when a test says so: retries, deferrals and the budget's windows run on this clock.
  const clock = new VirtualClock();
  const probot = new Probot({
    appId: 1,
    privateKey: PRIVATE_KEY,
    log,
    // Probot re-adds its throttle options (1 write/s) after plain defaults; a function has the last word.
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  const client = new JFrogClient({
    baseUrl: JFROG_URL,
    token: JFROG_TOKEN,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
  const composed = composeApp({
    settings: {
      jfrogUrl: JFROG_URL,
      dryRun: options.dryRun ?? false,
      ...(options.githubIssuer ? { githubIssuer: options.githubIssuer } : {}),
    },
    jfrog: client,
    log,
    clock,
    retryDelaysMs: options.retryDelaysMs ?? [],
    ...(options.budgetLimits && { budgetLimits: options.budgetLimits }),
  });
  const queue = composed.queue as InMemoryJobQueue;
  await probot.load(composed.appFn);

  let deliveries = 0;
  return {
    github,
    jfrog,
    timeline,
    queue,
    composed,
    clock,
    lines,
    unmatched,
    /** Deliver one webhook and wait until every job it caused has finished (or is waiting to retry). */
    async deliver(event: Delivery, id = `delivery-${++deliveries}`) {
      await probot.receive({ id, name: event.name, payload: event.payload } as never);
      await settle(queue);
    },
    /** Let "later" happen: move the clock past every pending retry or deferral and wait for the jobs. */
    async fireRetries() {
      clock.fireAll();
      await settle(queue);
    },
    pendingRetries: () => clock.pending,
    logs: () => lines.map((l) => JSON.parse(l) as { level: number; msg: string; [k: string]: unknown }),
    teardown() {
      nock.emitter.removeAllListeners("no match");
      nock.cleanAll();
    },
  };
}

/** Jobs waiting on a retry timer count as settled: the test fires them when it wants. */
function settle(queue: InMemoryJobQueue): Promise<void> {
  return queue.onSettled();
}

export type Delivery =
  | { name: "repository"; payload: RepositoryCreatedEvent | RepositoryEditedEvent }
  | { name: "installation_repositories"; payload: InstallationRepositoriesEvent }
  | { name: "push"; payload: PushEvent }
  | { name: "issue_comment"; payload: IssueCommentEvent };

type Example = { name: string; examples: Array<Record<string, unknown>> };

export function example<T>(event: string, pick: (e: Record<string, unknown>) => boolean): T {
  const found = (examples as Example[]).find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found) as T;
}

/** GitHub's own `repository.created` example (with installation), pointed at a fake repository. */
export function repositoryCreated(repo: FakeRepo): Delivery {
  const payload = example<RepositoryCreatedEvent>(
    "repository",
    (e) => e.action === "created" && !!e.installation,
  );
  Object.assign(payload.repository, {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
  });
  Object.assign(payload.repository.owner, { login: repo.owner, id: repo.ownerId });
  return { name: "repository", payload };
}

/** GitHub's own first-push example (new branch, with installation), pointed at a fake repository. */
export function push(
  repo: FakeRepo,
  options: { created?: boolean; files?: string[]; ref?: string } = {},
): Delivery {
  const payload = example<PushEvent>("push", (e) => e.ref === "refs/heads/master" && !!e.installation);
  payload.ref = options.ref ?? `refs/heads/${repo.defaultBranch}`;
  payload.created = options.created ?? false;
  Object.assign(payload.repository, {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
  });
  if (payload.repository.owner)
    Object.assign(payload.repository.owner, { login: repo.owner, id: repo.ownerId });
  for (const commit of payload.commits) commit.modified = options.files ?? [];
  return { name: "push", payload };
}
