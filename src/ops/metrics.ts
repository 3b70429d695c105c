/**
 * What an operator watches, in Prometheus' exposition format (prom-client, on a registry of its own: no global
 * state). The engine reports events through typed methods; queue and budget figures are read at scrape time from
 * the ports, so a scrape always shows the shared Redis state, not one replica's view of it.
 *
 * Those reads are bounded (`LIVE_READ_TIMEOUT_MS`): ioredis queues commands while Redis is silent or reconnecting,
 * and a scrape that waits as long as the outage tells the operator nothing. A read that fails or does not answer
 * in time leaves its gauge out of that scrape (never a stale or zero figure), sets `live_read_ok{metric}` to 0 and,
 * for Redis-backed sources, `redis_up` to 0.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { JobQueue, WriteBudget } from "../rollout/ports.js";

export type ReconcileOutcome = "done" | "no-change" | "deferred" | "failed" | "given-up" | "skipped";
export type Upstream = "github" | "jfrog";

/** What the scrape reads live: the installations the app serves, and the ports it runs on. */
export interface LiveSources {
  installations(): Iterable<number> | Promise<Iterable<number>>;
  queue: Pick<JobQueue, "counts">;
  budget: Pick<WriteBudget, "remaining">;
  /** The queue and budget live in Redis: a read that fails or times out means Redis does not answer. */
  redisBacked?: boolean;
}

/** How long a scrape waits for a live figure (all installations of one gauge) before leaving it out. */
export const LIVE_READ_TIMEOUT_MS = 1_000;

const PREFIX = "jfrog_oidc_rollout_";

export class Metrics {
  readonly registry = new Registry();
  #sources: LiveSources | undefined;
  readonly #reconciles: Counter<"outcome">;
  readonly #upstreamErrors: Counter<"service" | "status">;
  readonly #webhooks: Histogram<"event">;
  readonly #repositories: Gauge<"state">;
  readonly #tokenDays: Gauge;
  readonly #writesStopped: Gauge;
  readonly #redisUp: Gauge;
  readonly #liveReadOk: Gauge<"metric">;
  readonly #jobs: Gauge<string>;
  readonly #budgetLeft: Gauge<string>;

  constructor(readonly liveReadTimeoutMs = LIVE_READ_TIMEOUT_MS) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    this.#reconciles = new Counter({
      name: `${PREFIX}reconciles_total`,
      help: "Repository reconciles, by outcome",
      labelNames: ["outcome"],
      registers,
    });
    this.#upstreamErrors = new Counter({
      name: `${PREFIX}upstream_errors_total`,
      help: "Failed GitHub and JFrog requests, by HTTP status ('network' when none came back)",
      labelNames: ["service", "status"],
      registers,
    });
    this.#webhooks = new Histogram({
      name: `${PREFIX}webhook_duration_seconds`,
      help: "Time from a webhook's arrival to its acknowledgement (handlers only enqueue)",
      labelNames: ["event"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#repositories = new Gauge({
      name: `${PREFIX}repositories`,
      help: "Repositories by rollout state, as of the last org scan",
      labelNames: ["state"],
      registers,
    });
    this.#tokenDays = new Gauge({
      name: `${PREFIX}jfrog_token_expiry_days`,
      help: "Days until the JFrog admin token expires (NaN when the token does not say: a reference token)",
      registers,
    });
    this.#writesStopped = new Gauge({
      name: `${PREFIX}writes_stopped`,
      help: "1 while writes are stopped (e.g. the JFrog token expired or was revoked)",
      registers,
    });
    this.#redisUp = new Gauge({
      name: `${PREFIX}redis_up`,
      help: "Redis mode: 1 while the shared Redis answers, 0 while it does not (the replica is then not ready)",
      registers,
    });
    this.#liveReadOk = new Gauge({
      name: `${PREFIX}live_read_ok`,
      help: "1 when the last scrape read this metric's live figures, 0 when the read failed or timed out (left out)",
      labelNames: ["metric"],
      registers,
    });
    this.#writesStopped.set(0);
    this.#tokenDays.set(Number.NaN);
    this.#jobs = new Gauge({
      name: `${PREFIX}jobs`,
      help: "Jobs per installation: waiting, delayed (deferred or retrying) and running, across replicas",
      labelNames: ["installation", "state"],
      registers,
    });
    this.#budgetLeft = new Gauge({
      name: `${PREFIX}content_budget_remaining`,
      help: "GitHub content writes left per installation in the current minute and hour windows",
      labelNames: ["installation", "window"],
      registers,
    });
  }

  /**
   * The exposition for one scrape: the live figures are read first (queue and budget in parallel, each within
   * the bound), so `redis_up` and `live_read_ok` in the same text say what this scrape could read.
   */
  async scrape(): Promise<string> {
    const live = this.#sources;
    if (live)
      await Promise.all([
        this.#readLive(live, this.#jobs, "jobs", "state", async (id) => ({
          ...(await live.queue.counts(id)),
        })),
        this.#readLive(live, this.#budgetLeft, "content_budget_remaining", "window", async (id) => {
          const left = await live.budget.remaining(id);
          return { minute: left.perMinute, hour: left.perHour };
        }),
      ]);
    return this.registry.metrics();
  }

  async #readLive(
    live: LiveSources,
    gauge: Gauge<string>,
    metric: string,
    label: "state" | "window",
    read: (installation: number) => Promise<Record<string, number>>,
  ): Promise<void> {
    const readAll = async () => {
      const rows: Array<[number, Record<string, number>]> = [];
      for (const id of await live.installations()) rows.push([id, await read(id)]);
      return rows;
    };
    const rows = await withinBound(readAll(), this.liveReadTimeoutMs);
    gauge.reset();
    this.#liveReadOk.set({ metric }, rows === undefined ? 0 : 1);
    if (rows === undefined) {
      if (live.redisBacked) this.redisUp(false);
      return;
    }
    // Redis answered every read: it is up (a PING of /readyz may not come before the next scrape).
    if (live.redisBacked && rows.length > 0) this.redisUp(true);
    for (const [id, values] of rows)
      for (const [key, value] of Object.entries(values))
        gauge.set({ installation: String(id), [label]: key }, value);
  }

  /** Called once by the composition root, when the queue and the budget exist. */
  watch(sources: LiveSources): void {
    this.#sources = sources;
  }

  redisUp(up: boolean): void {
    this.#redisUp.set(up ? 1 : 0);
  }

  reconciled(outcome: ReconcileOutcome): void {
    this.#reconciles.inc({ outcome });
  }

  upstreamError(service: Upstream, status: number | undefined): void {
    this.#upstreamErrors.inc({ service, status: status === undefined ? "network" : String(status) });
  }

  githubError(status: number | undefined): void {
    this.upstreamError("github", status);
  }

  jfrogError(status: number | undefined): void {
    this.upstreamError("jfrog", status);
  }

  webhookHandled(event: string, seconds: number): void {
    this.#webhooks.observe({ event }, seconds);
  }

  /** Replaces the counts of the last scan: states absent from `counts` drop to 0. */
  repositoriesByState(counts: Readonly<Record<string, number>>): void {
    this.#repositories.reset();
    for (const [state, count] of Object.entries(counts)) this.#repositories.set({ state }, count);
  }

  jfrogTokenExpiresInDays(days: number | undefined): void {
    this.#tokenDays.set(days ?? Number.NaN);
  }

  writesStopped(stopped: boolean): void {
    this.#writesStopped.set(stopped ? 1 : 0);
  }
}

/** The read's result, or undefined when it failed or did not answer within `ms` (it may still settle later: ignored). */
async function withinBound<T>(read: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([read.catch(() => undefined), bound]);
  } finally {
    clearTimeout(timer);
  }
}
