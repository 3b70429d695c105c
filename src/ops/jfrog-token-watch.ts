/**
 * Re-checks the JFrog admin token every day, not only at start-up (tokens expire while the app runs for months):
 * - 14 days ahead (EXPIRY_WARNING_DAYS): a warning in the log, each day, and the days in the metric;
 * - expired (by its `exp`), revoked (JFrog answers 401) or stripped of rights (403): writes STOP, with one clear
 *   report naming the fix, instead of every job failing against JFrog one by one. The engine asks `writesStopped()`
 *   before it writes; the dashboard shows the same text. A rotated token (a new JFROG_ACCESS_TOKEN_FILE content
 *   read by `token()`) that passes the next check resumes writes.
 * A JFrog outage is NOT a token problem: it is logged and left to the jobs' retries.
 */
import { JFrogError } from "../jfrog/errors.js";
import { EXPIRY_WARNING_DAYS, inspectAdminToken } from "../jfrog/token-info.js";
import type { JobLogger } from "../logger.js";
import type { Clock } from "../rollout/ports.js";
import type { Metrics } from "./metrics.js";

export const DAY_MS = 86_400_000;

export type TokenState = "valid" | "expires-soon" | "expired" | "rejected" | "unchecked";

export interface WritesStop {
  /** For the log, the dashboard and command replies; never contains the token. */
  report: string;
}

export interface JFrogTokenWatchOptions {
  clock: Clock;
  /** The token as configured now (re-read, so a rotated token file is seen). */
  token: () => string;
  /** A cheap authenticated JFrog call: `JFrogClient.checkAccess`. */
  checkAccess: () => Promise<void>;
  metrics: Pick<Metrics, "jfrogTokenExpiresInDays" | "writesStopped">;
  log: JobLogger;
  intervalMs?: number;
}

const FIX =
  "create a new JFrog admin (or project admin) access token and set it in JFROG_ACCESS_TOKEN or the file " +
  "JFROG_ACCESS_TOKEN_FILE names (README: Operations › Rotating the JFrog token)";

export class JFrogTokenWatch {
  #stop: WritesStop | undefined;
  #timer: { cancel(): void } | undefined;
  #state: TokenState = "unchecked";
  /** The latest check (scheduled or not): tests and shutdown await it. */
  lastCheck: Promise<TokenState> = Promise.resolve("unchecked");

  constructor(private readonly options: JFrogTokenWatchOptions) {}

  /** Checks now, then once per interval (a day) on the clock. */
  async start(): Promise<TokenState> {
    this.lastCheck = this.check();
    const state = await this.lastCheck;
    this.#schedule();
    return state;
  }

  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** Set while writes must not happen; the engine defers its writes and shows `report`. */
  writesStopped(): WritesStop | undefined {
    return this.#stop;
  }

  get state(): TokenState {
    return this.#state;
  }

  async check(): Promise<TokenState> {
    const { clock, log, metrics } = this.options;
    const now = new Date(clock.now());
    const info = inspectAdminToken(this.options.token(), now);
    const daysLeft = info.expiresAt ? (info.expiresAt.getTime() - now.getTime()) / DAY_MS : undefined;
    metrics.jfrogTokenExpiresInDays(daysLeft === undefined ? undefined : Math.max(0, daysLeft));
    if (info.expired) {
      return this.#stopWrites("expired", `the JFrog admin token expired on ${info.expiresAt?.toISOString()}`);
    }
    try {
      await this.options.checkAccess();
    } catch (error) {
      if (error instanceof JFrogError && error.kind === "auth") {
        const why =
          error.status === 403 ? "no longer has the rights the app needs (403)" : "was rejected (401)";
        return this.#stopWrites("rejected", `the JFrog admin token ${why}: it may have been revoked`);
      }
      log.warn(
        { err: (error as Error).message },
        "JFrog token check could not reach JFrog; will check again",
      );
      return this.#state;
    }
    this.#resume();
    if (info.expiresSoon && daysLeft !== undefined) {
      log.warn(
        { expiresAt: info.expiresAt?.toISOString(), daysLeft: Math.floor(daysLeft) },
        `the JFrog admin token expires in ${inDays(daysLeft)} (warning from ${EXPIRY_WARNING_DAYS} days): ${FIX}`,
      );
      this.#state = "expires-soon";
    } else {
      this.#state = "valid";
    }
    return this.#state;
  }

  #schedule(): void {
    this.#timer = this.options.clock.setTimer(() => {
      this.lastCheck = this.check()
        .catch((error: unknown) => {
          this.options.log.error({ err: String(error) }, "JFrog token check failed; will check again");
          return this.#state;
        })
        .finally(() => {
          if (this.#timer) this.#schedule();
        });
    }, this.options.intervalMs ?? DAY_MS);
  }

  #stopWrites(state: TokenState, why: string): TokenState {
    const report = `Writes are stopped: ${why}. To resume, ${FIX}.`;
    if (this.#stop?.report !== report) this.options.log.error({ tokenState: state }, report);
    this.#stop = { report };
    this.#state = state;
    this.options.metrics.writesStopped(true);
    return state;
  }

  #resume(): void {
    if (!this.#stop) return;
    this.#stop = undefined;
    this.options.metrics.writesStopped(false);
    this.options.log.info({}, "the JFrog admin token is accepted again: writes resume");
  }
}

function inDays(days: number): string {
  const whole = Math.floor(days);
  return whole < 1 ? "less than a day" : `${whole} day${whole === 1 ? "" : "s"}`;
}
