/**
 * The content budget (ports.ts `WriteBudget`) kept in Redis, so every replica of an installation draws on ONE
 * budget: GitHub counts 80 content-generating requests a minute and 500 an hour per app installation, whichever
 * replica sends them (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits).
 *
 * Same semantics as the in-process budget: per installation a sorted set of the times of the writes granted in
 * the last hour; backfill stops `headroom` short of each limit so events and commands are served at once; a job
 * needing more than a whole window may have the window to itself. The check and the grant are one Lua script, so
 * two replicas reserving at the same moment cannot both take the last writes. Time comes from the `Clock` (replicas'
 * clocks are assumed NTP-synchronised, as BullMQ's delays assume too).
 */
import type { Redis } from "ioredis";
import { type JobPriority, PRIORITY_RANK } from "../job.js";
import { type BudgetLimits, windowsOf } from "../memory-budget.js";
import type { Clock, Reservation, WriteBudget } from "../ports.js";

// KEYS: the installation's sorted set, its member counter, the set of its writes reserved and not yet sent (the
// same members). ARGV: now, writes, perMinute, perHour (after headroom), minute, hour. Answers {1, 0} when
// granted, {0, retryAtMs} when not.
const RESERVE = `
local now, writes = tonumber(ARGV[1]), tonumber(ARGV[2])
local perMinute, perHour = tonumber(ARGV[3]), tonumber(ARGV[4])
local minute, hour = tonumber(ARGV[5]), tonumber(ARGV[6])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - hour)
redis.call("ZREMRANGEBYSCORE", KEYS[3], "-inf", now - hour)
if writes <= 0 then return {1, 0} end
local need = math.min(writes, perMinute, perHour)
local minuteFloor = "(" .. (now - minute)
local inMinute = redis.call("ZCOUNT", KEYS[1], minuteFloor, "+inf")
local inHour = redis.call("ZCARD", KEYS[1])
local retryAt = 0
if inMinute + need > perMinute then
  local mustAgeOut = inMinute - math.max(0, perMinute - need)
  local t = redis.call("ZRANGEBYSCORE", KEYS[1], minuteFloor, "+inf", "WITHSCORES", "LIMIT", mustAgeOut - 1, 1)
  retryAt = math.max(retryAt, tonumber(t[2]) + minute)
end
if inHour + need > perHour then
  local mustAgeOut = inHour - math.max(0, perHour - need)
  local t = redis.call("ZRANGE", KEYS[1], mustAgeOut - 1, mustAgeOut - 1, "WITHSCORES")
  retryAt = math.max(retryAt, tonumber(t[2]) + hour)
end
if retryAt > 0 then return {0, math.max(now + 1, retryAt)} end
for i = 1, writes do
  local member = now .. ":" .. redis.call("INCR", KEYS[2])
  redis.call("ZADD", KEYS[1], now, member)
  redis.call("ZADD", KEYS[3], now, member)
end
redis.call("PEXPIRE", KEYS[1], hour)
redis.call("PEXPIRE", KEYS[2], hour)
redis.call("PEXPIRE", KEYS[3], hour)
return {1, 0}
`;

// KEYS: as RESERVE's. ARGV: now, hour. The oldest unsent write is counted from now (or, with none, a new one).
const SENT = `
local now, hour = tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call("ZREMRANGEBYSCORE", KEYS[3], "-inf", now - hour)
local oldest = redis.call("ZRANGE", KEYS[3], 0, 0)[1]
if oldest then
  redis.call("ZREM", KEYS[3], oldest)
else
  oldest = now .. ":" .. redis.call("INCR", KEYS[2])
end
redis.call("ZADD", KEYS[1], now, oldest)
redis.call("PEXPIRE", KEYS[1], hour)
redis.call("PEXPIRE", KEYS[2], hour)
return 1
`;

// KEYS: the installation's sorted set. ARGV: now, minute, hour. Answers {in the last minute, in the last hour}.
const USED = `
local now = tonumber(ARGV[1])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - tonumber(ARGV[3]))
return {redis.call("ZCOUNT", KEYS[1], "(" .. (now - tonumber(ARGV[2])), "+inf"), redis.call("ZCARD", KEYS[1])}
`;

export class RedisWriteBudget implements WriteBudget {
  constructor(
    private readonly redis: Redis,
    private readonly clock: Pick<Clock, "now">,
    readonly limits: BudgetLimits,
    private readonly prefix = "jfrog-oidc-rollout:budget:",
  ) {
    if (limits.headroomPerMinute >= limits.perMinute || limits.headroomPerHour >= limits.perHour)
      throw new RangeError("the budget's headroom must be smaller than its limits");
  }

  async reserve(installationId: number, writes: number, priority: JobPriority): Promise<Reservation> {
    const backfill = PRIORITY_RANK[priority] >= PRIORITY_RANK.backfill;
    const perMinute = this.limits.perMinute - (backfill ? this.limits.headroomPerMinute : 0);
    const perHour = this.limits.perHour - (backfill ? this.limits.headroomPerHour : 0);
    const key = this.#key(installationId);
    const { minute, hour } = windowsOf(this.limits);
    const args = [this.clock.now(), writes, perMinute, perHour, minute, hour];
    const keys = [key, `${key}:seq`, `${key}:unsent`];
    const [granted, retryAtMs] = (await this.redis.eval(RESERVE, keys.length, ...keys, ...args)) as number[];
    return granted === 1 ? { granted: true } : { granted: false, retryAtMs: Number(retryAtMs) };
  }

  async sent(installationId: number): Promise<void> {
    const key = this.#key(installationId);
    const keys = [key, `${key}:seq`, `${key}:unsent`];
    await this.redis.eval(SENT, keys.length, ...keys, this.clock.now(), windowsOf(this.limits).hour);
  }

  async remaining(installationId: number): Promise<{ perMinute: number; perHour: number }> {
    const key = this.#key(installationId);
    const windows = windowsOf(this.limits);
    const [minute = 0, hour = 0] = (await this.redis.eval(
      USED,
      1,
      key,
      this.clock.now(),
      windows.minute,
      windows.hour,
    )) as number[];
    return {
      perMinute: Math.max(0, this.limits.perMinute - minute),
      perHour: Math.max(0, this.limits.perHour - hour),
    };
  }

  #key(installationId: number): string {
    return `${this.prefix}${installationId}`;
  }
}
