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
  /** A failed job's back-off, one delay per retry (JOB_RETRY_DELAYS); the composition root's default unless set. */
  retryDelaysMs?: number[];
  /** Redis mode: how long a dead replica's job and run lease stay locked (REDIS_LOCK_DURATION; default 30 s). */
  redisLockMs?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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
  // Tests and benchmarks that run a rollout in real time scale GitHub's minute down (and the emulator's clock).
  const window = env.GITHUB_WRITES_WINDOW?.trim() ? duration(env, "GITHUB_WRITES_WINDOW", MINUTE) : undefined;
  if (window !== undefined && (window < 100 || window > MINUTE))
    throw new SettingsError([
      `GITHUB_WRITES_WINDOW must be from 100ms to 1m (got "${env.GITHUB_WRITES_WINDOW}")`,
    ]);
  const retryDelaysMs = durations(env, "JOB_RETRY_DELAYS");
  const redisLockMs = env.REDIS_LOCK_DURATION?.trim()
    ? duration(env, "REDIS_LOCK_DURATION", 30_000)
    : undefined;
  return {
    budget: { ...budget, ...(window !== undefined && window !== MINUTE && { minuteMs: window }) },
    sweepIntervalMs: duration(env, "SWEEP_INTERVAL", 6 * HOUR),
    shutdownGraceMs: duration(env, "SHUTDOWN_GRACE", 25_000),
    concurrency: int(env, "JOB_CONCURRENCY", 4, 1, 64),
    ...(retryDelaysMs && { retryDelaysMs }),
    ...(redisLockMs !== undefined && { redisLockMs }),
  };
}

/** `30s,2m,10m`: one delay per retry. */
function durations(env: NodeJS.ProcessEnv, name: string): number[] | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const delays = raw.split(",").map((part) => parseDuration(part.trim()));
  if (delays.some((delay) => delay === undefined || delay <= 0))
    throw new SettingsError([
      `${name} must be durations separated by commas, such as 30s,2m,10m (got "${raw}")`,
    ]);
  return delays as number[];
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
  const ms = parseDuration(raw);
  if (ms === undefined)
    throw new SettingsError([`${name} must be a duration such as 90s, 30m or 6h (got "${raw}")`]);
  return ms;
}

function parseDuration(raw: string): number | undefined {
  const match = raw.match(/^(\d+)(ms|s|m|h)?$/);
  return match ? Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1) : undefined;
}
