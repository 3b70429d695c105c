/**
 * The chaos suite's world: the GitHub and JFrog emulators in the test process, seeded with an org that installed
 * the app, and the app itself as one or more REAL processes (`node dist/main.js`) configured only through their
 * environment: GitHub through GHE_HOST, JFrog through JFROG_URL, Redis through REDIS_URL. Every delivery goes to
 * a fan-out in front of the replicas that are alive, byte for byte (as a load balancer with redelivery would).
 *
 * Real time is unavoidable with processes; the app's intervals are set short through its settings, and GitHub's
 * limits are scaled in time: the app's budget window (GITHUB_WRITES_WINDOW) and the emulator's limit windows alike
 * (as the replica bench does). Not the emulator's clock: its `retry-after` would then be in scaled seconds, which
 * the app (rightly) waits out in real ones, 60 times too long.
 */
import { randomUUID } from "node:crypto";
import { type PolicyInput, policySchema } from "../../../src/config/policy-schema.js";
import {
  GITHUB_CONTENT_LIMITS,
  type GitHubEmulator,
  type RepoSnapshot,
  startGitHubEmulator,
} from "../../../src/sandbox/github/index.js";
import { type JFrogEmulator, startJFrogEmulator } from "../../../src/sandbox/jfrog/index.js";
import { ONBOARDING_BRANCH } from "../../../src/sandbox/observe.js";
import { APP_ID, defaultPolicy, ORG, seedJFrog, seedOrg } from "../../../src/sandbox/world.js";
import { appKeyPair } from "../../support/app-key.js";
import { type RedisServer, startRedisServer } from "../../support/redis-server.js";
import { startWebhookFanOut } from "../../support/webhook-fan-out.js";
import { type AppProcess, startAppProcess } from "./app-process.js";

/** GitHub's minute lasts this long on both sides (the app's budget and the emulator's limits). */
export const WINDOW_MS = 1_000;

export interface ChaosWorldOptions {
  /** Repositories the org has when the app is installed (no webhooks for them: the start-up sweep finds them). */
  existing?: string[];
  /**
   * `redis`: the world starts its own redis-server (test/support/redis-server.ts), every replica gets it as
   * REDIS_URL, and `close()` stops it. `embedded` (the default): no Redis.
   */
  mode?: "embedded" | "redis";
  /** Settings of every replica, over the suite's defaults. */
  env?: Record<string, string>;
}

export interface ChaosWorld {
  readonly github: GitHubEmulator;
  readonly jfrog: JFrogEmulator;
  readonly installationId: number;
  /** Every replica started so far (dead ones too), by start order. */
  readonly replicas: readonly AppProcess[];
  /** Starts one more replica with the world's settings (and `env` over them). */
  startReplica(env?: Record<string, string>): Promise<AppProcess>;
  createRepository(name: string): RepoSnapshot;
  /** What a person (or the test) would see of one repository's onboarding. */
  onboarding(name: string): Onboarding;
  /** Redis goes away under the running replicas (redis mode; stopping twice is harmless). */
  stopRedis(): Promise<void>;
  close(): Promise<void>;
}

export interface Onboarding {
  mappings: number;
  openPulls: number;
  /** Branches other than the default branch and a PR's head: what a crash may leave behind. */
  strayBranches: string[];
  /** Commits the onboarding branch has over the default branch. */
  commitsOnBranch: number;
}

export async function startChaosWorld(options: ChaosWorldOptions = {}): Promise<ChaosWorld> {
  const { privateKeyPkcs8: privateKey, publicKey } = appKeyPair();
  const adminToken = `chaos-admin-${randomUUID()}`;
  const webhookSecret = `chaos-webhook-${randomUUID()}`;
  const github = await startGitHubEmulator({
    limits: { ...GITHUB_CONTENT_LIMITS, minuteMs: WINDOW_MS, hourMs: 60 * WINDOW_MS },
  });
  const jfrog = await startJFrogEmulator({ adminToken });
  const host = new URL(github.url).host;
  // With GHE_HOST the policy's default issuer is the server's own (config/issuer.ts): the integration trusts it.
  // Existing repositories consented: the start-up sweep onboards them, as it must finish a crashed onboarding.
  const policyInput: PolicyInput = { ...defaultPolicy(), rollout: { existing: true } };
  const policy = policySchema.parse(policyInput);
  const issuer = `https://${host}/_services/token`;

  const { installationId } = seedOrg(github, {
    publicKey,
    policyInput,
    existingRepositories: (options.existing ?? []).map((name) => ({ name })),
  });
  await seedJFrog(jfrog, adminToken, policy, issuer);
  const redis: RedisServer | undefined = options.mode === "redis" ? await startRedisServer() : undefined;

  const replicas: AppProcess[] = [];
  // Every delivery reaches every live replica; none alive is a failed delivery, as with GitHub (redeliverable).
  const fanOut = await startWebhookFanOut({
    targets: () => replicas.filter((r) => r.alive).map((r) => r.webhookUrl),
    answer: (statuses) => (statuses.length === 0 ? 502 : Math.min(...statuses)),
  });
  github.webhooks.target = { url: fanOut.url, secret: webhookSecret };

  const baseEnv: Record<string, string> = {
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    APP_ID: String(APP_ID),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: webhookSecret,
    JFROG_URL: jfrog.url,
    JFROG_ACCESS_TOKEN: adminToken,
    GHE_HOST: host,
    GHE_PROTOCOL: "http",
    GITHUB_WRITES_WINDOW: `${WINDOW_MS}ms`,
    // Under GitHub's 80 and 500 so that a write stamped at one window's edge and sent in the next is never refused:
    // with a 1 s "minute" a busy host's event-loop stall is a large part of a window (events and commands may use
    // the whole hourly limit, the headroom only holds backfill back).
    GITHUB_WRITES_PER_MINUTE: "60",
    GITHUB_WRITES_HEADROOM_PER_MINUTE: "5",
    GITHUB_WRITES_PER_HOUR: "450",
    SWEEP_INTERVAL: "4s",
    SHUTDOWN_GRACE: "5s",
    JOB_RETRY_DELAYS: "200ms,500ms",
    ...(redis && { REDIS_URL: redis.url, REDIS_LOCK_DURATION: "1500ms" }),
    ...options.env,
  };

  return {
    github,
    jfrog,
    installationId,
    replicas,
    async startReplica(env = {}) {
      const replica = await startAppProcess(`replica-${replicas.length + 1}`, { ...baseEnv, ...env });
      replicas.push(replica);
      return replica;
    },
    createRepository(name) {
      return github.createRepository({ owner: ORG, name, files: { "package.json": "{}\n" } });
    },
    onboarding(name) {
      const repo = github.repository(ORG, name);
      const open = repo.pulls.filter((p) => p.state === "open");
      const heads = new Set([repo.defaultBranch, ...repo.pulls.map((p) => p.head)]);
      const base = repo.log(repo.defaultBranch).length;
      return {
        mappings: jfrog.state.mappings.filter((m) => m.name === `gh-o${repo.ownerId}-r${repo.id}`).length,
        openPulls: open.length,
        strayBranches: Object.keys(repo.branches).filter((b) => !heads.has(b)),
        commitsOnBranch: repo.branches[ONBOARDING_BRANCH] ? repo.log(ONBOARDING_BRANCH).length - base : 0,
      };
    },
    async stopRedis() {
      if (!redis) throw new Error("stopRedis(): this chaos world runs without Redis (mode: embedded)");
      await redis.stop();
    },
    async close() {
      github.webhooks.target = undefined;
      await Promise.all(replicas.map((r) => r.kill()));
      await Promise.all([github.close(), jfrog.close(), fanOut.close()]);
      await redis?.stop();
    },
  };
}

/** Done as a person would see it: one mapping, one open PR, one commit on its branch, nothing stray. */
export function isOnboarded(state: Onboarding): boolean {
  return state.mappings === 1 && state.openPulls === 1 && state.strayBranches.length === 0;
}
