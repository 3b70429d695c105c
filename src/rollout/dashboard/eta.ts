/**
 * When the rollout will be done, from the content budget alone (GitHub's 80 content writes a minute and 500 an
 * hour, shared by every write: https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 * Writes, not requests, are the bottleneck: an org of N pending repositories needs N × writes-per-repository of them.
 *
 * The windows are modelled as the budget grants them: what is left in the current hour goes first, paced by the
 * minute window; every following hour grants `perHour` more (never more than `perMinute × 60`). The estimate is the
 * time at which the last write can start, so it is an upper bound when the hour window rolls (writes spent earlier in
 * the current hour free up sooner than a full hour from now).
 */

export interface BudgetWindows {
  /** What the backfill may spend per window (the installation's limits less the headroom kept for events). */
  limits: { perMinute: number; perHour: number };
  /** What is left now in each window. */
  remaining: { perMinute: number; perHour: number };
  /** How long the windows last: GitHub's minute and hour unless the budget is scaled (memory-budget.ts `windowsOf`). */
  windows?: { minute: number; hour: number };
}

const GITHUB_WINDOWS = { minute: 60_000, hour: 3_600_000 };

/** Milliseconds until `writes` writes have all been granted, starting now. */
export function etaMs(writes: number, budget: BudgetWindows): number {
  if (writes <= 0) return 0;
  const { minute, hour } = budget.windows ?? GITHUB_WINDOWS;
  const perMinute = Math.max(1, budget.limits.perMinute);
  const perHour = Math.max(1, Math.min(budget.limits.perHour, perMinute * Math.round(hour / minute)));
  const nowInHour = Math.max(0, Math.min(budget.remaining.perHour, perHour));
  if (writes <= nowInHour)
    return minutesToGrant(writes, Math.max(0, budget.remaining.perMinute), perMinute) * minute;
  // What the current hour cannot take waits for the next windows; the last one is paced by the minute.
  const spill = writes - nowInHour;
  const hours = Math.ceil(spill / perHour);
  const inLastHour = spill - (hours - 1) * perHour;
  return hours * hour + minutesToGrant(inLastHour, perMinute, perMinute) * minute;
}

/** Minutes until granted: the minute window grants `firstMinute` now, then `perMinute` at each following minute. */
function minutesToGrant(writes: number, firstMinute: number, perMinute: number): number {
  if (writes <= firstMinute) return 0;
  return Math.ceil((writes - firstMinute) / perMinute);
}
