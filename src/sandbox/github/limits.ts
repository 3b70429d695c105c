/**
 * GitHub's secondary limit on content creation: at most 80 content-generating requests per minute and 500 per
 * hour per actor (shared/reference/github.md, "Rate limits"), on the emulator's clock so a test can let an hour
 * pass in one call. A request over the limit is refused with a `retry-after` long enough for the window to free.
 */
export interface ContentLimits {
  perMinute: number;
  perHour: number;
  /** The windows (ms): a minute and an hour unless a real-time benchmark scales them down with the app's budget. */
  minuteMs?: number;
  hourMs?: number;
}

export const GITHUB_CONTENT_LIMITS: Readonly<ContentLimits> = Object.freeze({ perMinute: 80, perHour: 500 });

export type BudgetDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function checkLimits(limits: ContentLimits): ContentLimits {
  for (const [name, value] of Object.entries(limits))
    if (!(Number.isInteger(value) && value >= 1))
      throw new RangeError(`content limit ${name} must be an integer ≥ 1`);
  return {
    perMinute: limits.perMinute,
    perHour: limits.perHour,
    ...(limits.minuteMs !== undefined && { minuteMs: limits.minuteMs }),
    ...(limits.hourMs !== undefined && { hourMs: limits.hourMs }),
  };
}

export class ContentBudget {
  #limits: ContentLimits;
  /** actor → times (ms) of the content-generating requests it made in the last hour, oldest first */
  readonly #spent = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    limits: ContentLimits = GITHUB_CONTENT_LIMITS,
  ) {
    this.#limits = checkLimits(limits);
  }

  get limits(): ContentLimits {
    return { ...this.#limits };
  }

  set limits(limits: ContentLimits) {
    this.#limits = checkLimits(limits);
  }

  /** Admits and records one content-generating request by `actor`, or says how long to wait. */
  take(actor: string): BudgetDecision {
    const now = this.now().getTime();
    const { minuteMs = MINUTE, hourMs = HOUR } = this.#limits;
    const times = (this.#spent.get(actor) ?? []).filter((t) => t > now - hourMs);
    this.#spent.set(actor, times);
    const lastMinute = times.filter((t) => t > now - minuteMs);
    const waits: number[] = [];
    if (lastMinute.length >= this.#limits.perMinute)
      waits.push(this.#freesAt(lastMinute, this.#limits.perMinute, minuteMs));
    if (times.length >= this.#limits.perHour) waits.push(this.#freesAt(times, this.#limits.perHour, hourMs));
    if (waits.length > 0)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((Math.max(...waits) - now) / 1000)) };
    times.push(now);
    return { ok: true };
  }

  /** When enough of the window's requests have aged out for one more to fit. */
  #freesAt(times: number[], limit: number, window: number): number {
    const mustAgeOut = times.length - limit; // 0 when exactly at the limit: the oldest must leave
    return (times[mustAgeOut] ?? times[0] ?? 0) + window;
  }
}
