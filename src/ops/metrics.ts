/**
 * What an operator watches, in Prometheus' exposition format (prom-client, on a registry of its own: no global
 * state). The engine reports events through typed methods; queue and budget figures are read at scrape time from
 * the ports, so a scrape always shows the shared Redis state, not one replica's view of it.
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
}

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

  constructor() {
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
    this.#writesStopped.set(0);
    this.#tokenDays.set(Number.NaN);
    // Read at scrape time from the live queue and budget (shared across replicas in Redis mode).
    const perInstallation = (
      name: string,
      help: string,
      label: string,
      read: (live: LiveSources, installation: number) => Promise<Record<string, number>>,
    ) => {
      const sources = () => this.#sources;
      new Gauge({
        name: `${PREFIX}${name}`,
        help,
        labelNames: ["installation", label],
        registers,
        async collect() {
          this.reset();
          const live = sources();
          if (!live) return;
          for (const id of await live.installations())
            for (const [key, value] of Object.entries(await read(live, id)))
              this.set({ installation: String(id), [label]: key }, value);
        },
      });
    };
    perInstallation(
      "jobs",
      "Jobs per installation: waiting, delayed (deferred or retrying) and running, across replicas",
      "state",
      async (live, id) => ({ ...(await live.queue.counts(id)) }),
    );
    perInstallation(
      "content_budget_remaining",
      "GitHub content writes left per installation in the current minute and hour windows",
      "window",
      async (live, id) => {
        const left = await live.budget.remaining(id);
        return { minute: left.perMinute, hour: left.perHour };
      },
    );
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
