/**
 * The in-process content budget (see ports.ts `WriteBudget`): per installation, the times of the writes granted in
 * the last hour. GitHub allows 80 content-generating requests a minute and 500 an hour per actor
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits); the
 * app aims a little under both, and keeps a headroom that backfill may not use, so a new repository or a command
 * is served at once even in the middle of a rollout.
 */
import { type JobPriority, PRIORITY_RANK } from "./job.js";
import type { Clock, Reservation, WriteBudget } from "./ports.js";

export interface BudgetLimits {
  perMinute: number;
  perHour: number;
  /** Writes per window kept for events and commands: backfill stops at `limit - headroom`. */
  headroomPerMinute: number;
  headroomPerHour: number;
  /**
   * The windows the limits count in: GitHub's minute and hour unless given. Shorter only for tests and benchmarks
   * that run a rollout in real time (GITHUB_WRITES_WINDOW, the Redis benchmark), against an emulator whose clock is
   * scaled the same; GitHub's own windows never change. Without `hourMs` the hour is 60 of the minutes.
   */
  minuteMs?: number;
  hourMs?: number;
}

/**
 * GitHub's own limits: only the installation's writes count against them, and they are all the app's. The
 * headroom keeps 10 a minute and 20 an hour for events and commands; between them the queue's priority decides
 * (whoever is waiting for a freed write, an event goes first). A write is stamped when reserved and stamped again
 * when it is sent (`sent`), as GitHub counts it on arrival; should GitHub still refuse one at a window's edge, that
 * answer is a deferral, not a failure.
 */
export const DEFAULT_BUDGET_LIMITS: Readonly<BudgetLimits> = Object.freeze({
  perMinute: 80,
  perHour: 500,
  headroomPerMinute: 10,
  headroomPerHour: 20,
});

/** The budget's windows in ms: GitHub's minute and hour unless the limits scale them. */
export function windowsOf(limits: Pick<BudgetLimits, "minuteMs" | "hourMs">): {
  minute: number;
  hour: number;
} {
  const minute = limits.minuteMs ?? 60_000;
  return { minute, hour: limits.hourMs ?? 60 * minute };
}

export class InMemoryWriteBudget implements WriteBudget {
  /** installation → times (clock ms) of the writes granted in the last hour, oldest first. */
  readonly #granted = new Map<number, number[]>();
  /** installation → the times among those of writes reserved and not yet sent, oldest first. */
  readonly #unsent = new Map<number, number[]>();

  constructor(
    private readonly clock: Pick<Clock, "now">,
    readonly limits: BudgetLimits = DEFAULT_BUDGET_LIMITS,
  ) {
    if (limits.headroomPerMinute >= limits.perMinute || limits.headroomPerHour >= limits.perHour)
      throw new RangeError("the budget's headroom must be smaller than its limits");
  }

  async reserve(installationId: number, writes: number, priority: JobPriority): Promise<Reservation> {
    return this.reserveNow(installationId, writes, priority);
  }

  /** Synchronous core of `reserve` (the in-process budget needs no I/O). */
  reserveNow(installationId: number, writes: number, priority: JobPriority): Reservation {
    const now = this.clock.now();
    const times = this.#window(installationId, now);
    if (writes <= 0) return { granted: true };
    const backfill = PRIORITY_RANK[priority] >= PRIORITY_RANK.backfill;
    const perMinute = this.limits.perMinute - (backfill ? this.limits.headroomPerMinute : 0);
    const perHour = this.limits.perHour - (backfill ? this.limits.headroomPerHour : 0);
    // A job that needs more than a whole window could never be granted: let it have the window to itself.
    const needMinute = Math.min(writes, perMinute);
    const needHour = Math.min(writes, perHour);
    const { minute, hour } = windowsOf(this.limits);
    const lastMinute = times.filter((t) => t > now - minute);
    const waits: number[] = [];
    if (lastMinute.length + needMinute > perMinute)
      waits.push(freesAt(lastMinute, perMinute - needMinute, minute));
    if (times.length + needHour > perHour) waits.push(freesAt(times, perHour - needHour, hour));
    if (waits.length > 0) return { granted: false, retryAtMs: Math.max(now + 1, ...waits) };
    for (let i = 0; i < writes; i++) times.push(now);
    const unsent = this.#unsentOf(installationId, now);
    for (let i = 0; i < writes; i++) unsent.push(now);
    return { granted: true };
  }

  async sent(installationId: number): Promise<void> {
    const now = this.clock.now();
    const times = this.#window(installationId, now);
    const reservedAt = this.#unsentOf(installationId, now).shift();
    if (reservedAt !== undefined) {
      const at = times.indexOf(reservedAt);
      if (at >= 0) times.splice(at, 1);
    }
    // Nothing reserved (a budget that restarted under a running job): counted anyway, from now.
    times.push(now);
  }

  async remaining(installationId: number): Promise<{ perMinute: number; perHour: number }> {
    const now = this.clock.now();
    const times = this.#window(installationId, now);
    const lastMinute = times.filter((t) => t > now - windowsOf(this.limits).minute).length;
    return {
      perMinute: Math.max(0, this.limits.perMinute - lastMinute),
      perHour: Math.max(0, this.limits.perHour - times.length),
    };
  }

  #unsentOf(installationId: number, now: number): number[] {
    const all = this.#unsent.get(installationId) ?? [];
    const live = all.filter((t) => t > now - windowsOf(this.limits).hour);
    this.#unsent.set(installationId, live);
    return live;
  }

  #window(installationId: number, now: number): number[] {
    const all = this.#granted.get(installationId) ?? [];
    const firstLive = all.findIndex((t) => t > now - windowsOf(this.limits).hour);
    const times = firstLive < 0 ? [] : firstLive === 0 ? all : all.slice(firstLive);
    this.#granted.set(installationId, times);
    return times;
  }
}

/** When enough of the window's writes have aged out that at most `keep` remain in it. */
function freesAt(times: readonly number[], keep: number, window: number): number {
  const mustAgeOut = times.length - Math.max(0, keep);
  return (times[mustAgeOut - 1] ?? times[0] ?? 0) + window;
}
