/**
 * The rollout's operator settings (environment), each with a default that suits github.com. Kept apart from
 * settings.ts so the rollout's knobs live beside the code they tune.
 */
import { SettingsError } from "../settings.js";
import { type BudgetLimits, DEFAULT_BUDGET_LIMITS } from "./memory-budget.js";

export interface RolloutSettings {
  budget: BudgetLimits;
  /** Re-observe every installation this often (default 6 h). */
  sweepIntervalMs: number;
  /** On SIGTERM/SIGINT, how long running jobs may take to finish (default 25 s). */
  shutdownGraceMs: number;
  concurrency: number;
}

const HOUR = 3_600_000;

export function loadRolloutSettings(env: NodeJS.ProcessEnv): RolloutSettings {
  const budget: BudgetLimits = {
    perMinute: int(env, "GITHUB_WRITES_PER_MINUTE", DEFAULT_BUDGET_LIMITS.perMinute, 1, 80),
    perHour: int(env, "GITHUB_WRITES_PER_HOUR", DEFAULT_BUDGET_LIMITS.perHour, 1, 500),
    headroomPerMinute: int(
      env,
      "GITHUB_WRITES_HEADROOM_PER_MINUTE",
      DEFAULT_BUDGET_LIMITS.headroomPerMinute,
      0,
      79,
    ),
    headroomPerHour: int(
      env,
      "GITHUB_WRITES_HEADROOM_PER_HOUR",
      DEFAULT_BUDGET_LIMITS.headroomPerHour,
      0,
      499,
    ),
  };
  if (budget.headroomPerMinute >= budget.perMinute || budget.headroomPerHour >= budget.perHour)
    throw new SettingsError([
      "GITHUB_WRITES_HEADROOM_PER_MINUTE/_PER_HOUR must be smaller than GITHUB_WRITES_PER_MINUTE/_PER_HOUR",
    ]);
  return {
    budget,
    sweepIntervalMs: duration(env, "SWEEP_INTERVAL", 6 * HOUR),
    shutdownGraceMs: duration(env, "SHUTDOWN_GRACE", 25_000),
    concurrency: int(env, "JOB_CONCURRENCY", 4, 1, 64),
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new SettingsError([`${name} must be a whole number from ${min} to ${max} (got "${raw}")`]);
  return value;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: HOUR };

/** `90s`, `30m`, `6h`, or milliseconds. */
function duration(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const match = raw.match(/^(\d+)(ms|s|m|h)?$/);
  if (!match) throw new SettingsError([`${name} must be a duration such as 90s, 30m or 6h (got "${raw}")`]);
  return Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1);
}
