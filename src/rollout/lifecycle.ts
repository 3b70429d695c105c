/**
 * The app's life beyond webhooks:
 * - start-up: GitHub (`GET /app`) and JFrog must answer. Unreachable or 5xx: the app runs NOT READY and retries
 *   (every 30 s, on the clock); refused credentials (401/403) are fatal, since retrying cannot fix them.
 * - once ready: failed webhook deliveries of the last 24 hours are redelivered, and a sweep queues an org scan
 *   per installation; the sweep repeats every `sweepIntervalMs`.
 * - shutdown: no new work, no more sweeps; running jobs get a bounded grace period.
 */
import type { Logger } from "pino";
import type { Probot, ProbotOctokit } from "probot";
import { httpStatus } from "../github/rest.js";
import type { Clock, JobQueue } from "./ports.js";
import { redeliverFailed } from "./redeliver.js";
import { sweepInstallations } from "./sweep.js";

export const READINESS_RETRY_MS = 30_000;
/** After a job is given up, the next sweep comes this soon rather than at the interval. */
export const SWEEP_AFTER_GIVE_UP_MS = 30 * 60_000;

export interface LifecycleOptions {
  clock: Clock;
  log: Logger;
  queue: JobQueue;
  jfrog: { checkAccess(): Promise<void> };
  sweepIntervalMs: number;
  background: { startupChecks?: boolean; redeliver?: boolean; sweep?: boolean };
  onFatal?: (code: number) => void;
  /**
   * With several replicas (REDIS_URL), runs `work` only if no replica ran `name` in the last `intervalMs`
   * (RedisLeases.runOncePerInterval); answers whether this one ran it. Unset: always runs (one process).
   */
  once?: (name: string, intervalMs: number, work: () => Promise<void>) => Promise<boolean>;
}

/** Replicas starting within this long of each other redeliver failed deliveries once, not once each. */
export const REDELIVER_LEASE_MS = 10 * 60_000;

export class Lifecycle {
  #ready = false;
  #reason = "starting";
  #stopped = false;
  #timer: { cancel(): void } | undefined;
  #app: Probot | undefined;
  #checking: Promise<void> = Promise.resolve();
  #soon: { cancel(): void } | undefined;

  constructor(private readonly options: LifecycleOptions) {}

  readiness(): { ready: boolean; reason?: string } {
    return this.#ready ? { ready: true } : { ready: false, reason: this.#reason };
  }

  /** Called once Probot has loaded the app: start-up checks, then the first sweep, all in the background. */
  attach(app: Probot): void {
    this.#app = app;
    const { background } = this.options;
    if (background.startupChecks) this.#check();
    else this.#ready = true;
  }

  /**
   * The latest background task: the start-up check (and the redelivery and sweep that follow once ready), or a
   * sweep after a given-up job. Tests and the benchmark wait on it.
   */
  get checking(): Promise<void> {
    return this.#checking;
  }

  #check(): void {
    this.#checking = this.#checkUntilReady();
  }

  /** One sweep now (start-up, the interval, tests): an org scan per installation. */
  async sweep(): Promise<number> {
    return sweepInstallations(await this.#appClient(), this.options.queue, this.options.log);
  }

  /**
   * A job was given up (an outage outlasted its retries): sweep again soon, once however many give up, so the
   * repositories it left are picked up about half an hour after the outage rather than at the next interval.
   */
  sweepSoon(delayMs: number = SWEEP_AFTER_GIVE_UP_MS): void {
    if (!this.options.background.sweep || this.#stopped || !this.#app || this.#soon) return;
    this.#soon = this.options.clock.setTimer(() => {
      this.#soon = undefined;
      if (this.#stopped) return;
      this.#checking = this.sweep().then(
        () => undefined,
        (error: unknown) =>
          this.options.log.error(
            { err: error },
            "sweep after a given-up job failed; the interval sweep follows",
          ),
      );
    }, delayMs);
  }

  async redeliver(): Promise<number> {
    return redeliverFailed(await this.#appClient(), this.options.clock.now(), this.options.log);
  }

  async shutdown(graceMs: number): Promise<void> {
    this.#stopped = true;
    this.#ready = false;
    this.#reason = "shutting down";
    this.#timer?.cancel();
    this.#soon?.cancel();
    this.options.log.info({ graceMs }, "shutting down: no new work; running jobs may finish");
    await this.options.queue.stop(graceMs);
    this.options.log.info("shut down");
  }

  async #checkUntilReady(): Promise<void> {
    if (this.#stopped) return;
    const { log, clock } = this.options;
    try {
      await this.options.jfrog.checkAccess();
      await (await this.#appClient()).request("GET /app");
    } catch (error) {
      const status = httpStatus(error) ?? (error as { status?: number }).status;
      const kind = (error as { kind?: string }).kind;
      if (status === 401 || status === 403 || kind === "auth") {
        log.fatal({ err: error }, "start-up: credentials refused; fix the settings and restart");
        this.options.onFatal?.(1);
        return;
      }
      this.#reason = `not ready: ${error instanceof Error ? error.message : String(error)}`;
      log.warn({ retryInMs: READINESS_RETRY_MS, err: this.#reason }, "start-up check failed; retrying");
      this.#timer = clock.setTimer(() => this.#check(), READINESS_RETRY_MS);
      return;
    }
    this.#ready = true;
    log.info("ready: GitHub and JFrog answer");
    await this.#afterReady();
  }

  async #afterReady(): Promise<void> {
    const { background, log } = this.options;
    try {
      if (background.redeliver)
        await this.#once("redeliver", REDELIVER_LEASE_MS, async () => void (await this.redeliver()));
    } catch (error) {
      log.error({ err: error }, "could not redeliver failed webhook deliveries; the sweep covers them");
    }
    if (background.sweep) await this.#sweepAndRepeat();
  }

  async #sweepAndRepeat(): Promise<void> {
    if (this.#stopped) return;
    // The lease ends a little before the interval, so that the replica whose lease it was (its timer fires at the
    // interval) finds it expired instead of skipping a round; other replicas' timers, later, find it taken.
    const { sweepIntervalMs } = this.options;
    const lease = sweepIntervalMs - Math.min(sweepIntervalMs / 10, 60_000);
    try {
      const ran = await this.#once("sweep", lease, async () => void (await this.sweep()));
      if (!ran) this.options.log.debug("sweep skipped: another replica swept within the interval");
    } catch (error) {
      this.options.log.error({ err: error }, "sweep failed; the next one runs at the interval");
    }
    if (this.#stopped) return;
    this.#timer = this.options.clock.setTimer(
      () => void this.#sweepAndRepeat(),
      this.options.sweepIntervalMs,
    );
  }

  async #once(name: string, intervalMs: number, work: () => Promise<void>): Promise<boolean> {
    if (!this.options.once) {
      await work();
      return true;
    }
    return this.options.once(name, intervalMs, work);
  }

  /** The client that acts as the app itself (JWT), not as an installation. */
  async #appClient(): Promise<ProbotOctokit> {
    if (!this.#app) throw new Error("the app is not loaded yet");
    return this.#app.auth();
  }
}
