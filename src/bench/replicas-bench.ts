/**
 * An org rollout on one replica (in-process queue and budget) and on three replicas sharing one Redis (a real
 * redis-server of its own, started like the tests start theirs): writes per repository, secondary-limit answers
 * (must be 0), and the time against the budget's floor. Three replicas cannot beat the budget (one budget per
 * installation, whichever replica writes) and must not lose to it either.
 *
 * A virtual clock cannot reach into Redis (BullMQ's delays and the budget's Lua script read real time), so this
 * runs in REAL time with GitHub's windows scaled down by the same factor in the app's budget and in the GitHub
 * emulator's secondary limit: the same 80 writes per `hourMs / 60` and 500 per `hourMs` (default: per 600 ms and
 * per 36 s, 1/100 of GitHub's minute and hour). The rows say so in their name.
 */
import { generateKeyPairSync } from "node:crypto";
import { createLogger } from "../logger.js";
import { DEFAULT_BUDGET_LIMITS, windowsOf } from "../rollout/memory-budget.js";
import { type RunningApp, startApp } from "../sandbox/app/start-app.js";
import { GITHUB_CONTENT_LIMITS } from "../sandbox/github/limits.js";
import { type RedisServer, startRedisServer } from "../sandbox/redis-server.js";
import { APP_ID, ORG, startWorld, type World } from "../sandbox/world.js";
import { atMost, type Row, rowsOf } from "./measure.js";

export interface ReplicaScenario {
  repositories: number;
  /** 1: the embedded default (no Redis); more: that many apps on one Redis. */
  replicas: number;
  /** The scaled-down "hour" (ms); the "minute" is a sixtieth of it. */
  hourMs: number;
}

const POLL_MS = 100;
const PULLS = new RegExp(`^/api/v3/repos/${ORG}/(svc-\\d+)/pulls$`);
const JFROG_RETRY = { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 };

export async function benchReplicas(scenario: ReplicaScenario): Promise<Row[]> {
  const { repositories, replicas, hourMs } = scenario;
  const minuteMs = Math.round(hourMs / 60);
  const budgetLimits = { ...DEFAULT_BUDGET_LIMITS, minuteMs, hourMs };
  const redis: RedisServer | undefined = replicas > 1 ? await startRedisServer() : undefined;
  const shared = redis && (() => ({ connection: redis.client() }));
  const others: RunningApp[] = [];
  let world: World | undefined;
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  try {
    world = await startWorld({
      secrets: { privateKey },
      // No labels or reviewers: 3 content writes per repository (branch, commit, PR), as in the rollout bench.
      policy: {
        provider: { name: "github-acme", audience: "jfrog-github" },
        token: { scope: "groups", groups: ["ci-readers"] },
        rollout: { existing: true },
      },
      logLevel: "error",
      limits: { ...GITHUB_CONTENT_LIMITS, minuteMs, hourMs },
      budgetLimits,
      jfrogRetry: JFROG_RETRY,
      retryDelaysMs: [1_000, 5_000],
      existingRepositories: Array.from({ length: repositories }, (_, i) => ({ name: `svc-${i}` })),
      ...(shared && { redis: shared }),
    });
    const log = await createLogger({
      level: "error",
      secrets: [world.jfrogAdminToken, world.webhookSecret, privateKey],
    });
    for (let i = 1; i < replicas && shared; i++)
      others.push(
        await startApp({
          githubApiUrl: world.github.apiUrl,
          appId: APP_ID,
          privateKey,
          webhookSecret: world.webhookSecret,
          jfrogUrl: world.jfrog.url,
          jfrogToken: world.jfrogAdminToken,
          log,
          budgetLimits,
          jfrogRetry: JFROG_RETRY,
          retryDelaysMs: [1_000, 5_000],
          redis: shared(),
        }),
      );
    const names = Array.from({ length: repositories }, (_, i) => `svc-${i}`);
    const started = performance.now();
    await world.app.composed.lifecycle.sweep();
    // The end: every repository has its PR; bounded at four floors' worth (a stalled run reports how far it got).
    const deadline = started + 4 * hourMs * Math.ceil((3 * repositories) / budgetLimits.perHour) + 60_000;
    // The emulator's request log, read from where the last look stopped: a repository snapshot per poll would
    // cost the app the CPU it is being measured on.
    const github = world.github;
    const opened = new Set<string>();
    let seen = 0;
    let done = 0;
    while (performance.now() < deadline) {
      const log = github.requests;
      for (const r of log.slice(seen)) {
        const name = r.method === "POST" && r.status === 201 ? r.path.match(PULLS)?.[1] : undefined;
        if (name) opened.add(name);
      }
      seen = log.length;
      done = opened.size;
      if (done === repositories) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const seconds = (performance.now() - started) / 1000;
    return rowsOf(scenarioName(scenario), measure(world, names, seconds, budgetLimits, done));
  } finally {
    for (const app of others) await app.close();
    await world?.close();
    await redis?.stop();
  }
}

function measure(
  world: World,
  names: readonly string[],
  seconds: number,
  limits: typeof DEFAULT_BUDGET_LIMITS & { minuteMs: number; hourMs: number },
  done: number,
): Array<Omit<Row, "benchmark">> {
  const usage = world.github.usage();
  const perRepo = names.map((n) => usage[`${world.org}/${n}`]?.contentRequests ?? 0);
  const repoWrites = perRepo.reduce((a, b) => a + b, 0);
  const allWrites = Object.values(usage).reduce((sum, u) => sum + u.contentRequests, 0);
  const refused = Object.values(usage).reduce((sum, u) => sum + u.rateLimited, 0);
  const duplicates = names.filter((n) => world.github.repository(world.org, n).pulls.length > 1).length;
  const floor = budgetFloorSeconds(allWrites, limits);
  const ratio = seconds / floor;
  return [
    {
      metric: "repositories onboarded",
      value: done,
      unit: "",
      target: `= ${names.length}`,
      met: done === names.length,
    },
    { metric: "repositories with more than one PR", value: duplicates, unit: "", ...atMost(duplicates, 0) },
    {
      metric: "content writes per repository",
      value: repoWrites / names.length,
      unit: "",
      ...atMost(repoWrites / names.length, 3),
    },
    { metric: "content writes in all (dashboard included)", value: allWrites, unit: "" },
    { metric: "secondary-limit answers", value: refused, unit: "", ...atMost(refused, 0) },
    { metric: "budget floor for those writes", value: floor, unit: "s" },
    { metric: "time to the last PR", value: seconds, unit: "s" },
    {
      metric: "time ÷ budget floor",
      value: ratio,
      unit: "",
      // Below 1 the replicas would have outspent the one budget; above 1.1 they lose to it.
      target: "≥ 0.99 and ≤ 1.1",
      met: ratio >= 0.99 && ratio <= 1.1,
    },
  ];
}

/**
 * The earliest moment the budget lets `writes` backfill writes through: every full scaled hour admits
 * `perHour - headroomPerHour`, the first at time 0, so the last batch goes at (batches - 1) hours, and that batch
 * itself needs (its size ÷ the minute's backfill share - 1) scaled minutes.
 */
export function budgetFloorSeconds(
  writes: number,
  limits: typeof DEFAULT_BUDGET_LIMITS & { minuteMs?: number; hourMs?: number },
): number {
  const { minute, hour } = windowsOf(limits);
  const perHour = limits.perHour - limits.headroomPerHour;
  const perMinute = limits.perMinute - limits.headroomPerMinute;
  const batches = Math.ceil(writes / perHour);
  const last = writes - (batches - 1) * perHour;
  return ((batches - 1) * hour + (Math.ceil(last / perMinute) - 1) * minute) / 1000;
}

function scenarioName(s: ReplicaScenario): string {
  const mode = s.replicas === 1 ? "1 replica (in-process)" : `${s.replicas} replicas on one Redis`;
  const windows = `real time, budget windows scaled: 80/${s.hourMs / 60} ms, 500/${s.hourMs / 1000} s`;
  return `rollout ${s.repositories}, ${mode}, ${windows}`;
}
