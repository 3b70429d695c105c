/**
 * The rollout standings in Redis, one copy for every replica (so they render the same dashboard and answer the
 * same `/jfrog-oidc rollout status`). Per org: a hash of the repositories (field: `repositoryJobKey`, value: the
 * standing as JSON) and a hash of the scan's facts (`policyConsent`, `scannedAt`). A scan replaces both in one
 * MULTI; a finished job's update is one Lua script (read, compare, write) so two replicas finishing at once both
 * land and each learns whether its own write changed the state.
 * https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
 */
import type { Redis } from "ioredis";
import type { JobLogger } from "../../logger.js";
import type { OrgStandings, Standing, StandingsStore } from "../dashboard/standings.js";
import { repositoryJobKey } from "../job.js";
import { SHARED_STATE_TTL_MS } from "./retention.js";
import { dropUnreadable, readCount, readStanding } from "./stored-records.js";

/**
 * KEYS: scan facts, repositories. ARGV: field, standing JSON (empty: gone), state, reason (empty: none), ttl ms.
 * A stored row that is not JSON counts as changed (it is overwritten), never as an error.
 */
const UPDATE = `
if redis.call("EXISTS", KEYS[1]) == 0 then return 0 end
redis.call("PEXPIRE", KEYS[1], ARGV[5])
local before = redis.call("HGET", KEYS[2], ARGV[1])
if ARGV[2] == "" then return redis.call("HDEL", KEYS[2], ARGV[1]) end
redis.call("HSET", KEYS[2], ARGV[1], ARGV[2])
redis.call("PEXPIRE", KEYS[2], ARGV[5])
if not before then return 1 end
local ok, old = pcall(cjson.decode, before)
if not ok or type(old) ~= "table" then return 1 end
local oldReason = old.reason
if type(oldReason) ~= "string" then oldReason = "" end
if old.state ~= ARGV[3] or oldReason ~= ARGV[4] then return 1 end
return 0`;

export class RedisStandings implements StandingsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:standings:",
    private readonly log?: JobLogger,
  ) {}

  async replace(
    org: string,
    scan: { policyConsent: boolean; at: number; standings: readonly Standing[] },
  ): Promise<void> {
    const { scanKey, repositoriesKey } = this.#keys(org);
    const tx = this.redis.multi().del(repositoriesKey);
    if (scan.standings.length > 0)
      tx.hset(
        repositoriesKey,
        ...scan.standings.flatMap((s) => [repositoryJobKey(s.ref), JSON.stringify(s)]),
      );
    tx.hset(scanKey, "policyConsent", scan.policyConsent ? "1" : "0", "scannedAt", String(scan.at));
    // Refreshed by every scan and job: only an org the app no longer hears of lets them expire (retention.ts).
    tx.pexpire(scanKey, SHARED_STATE_TTL_MS).pexpire(repositoriesKey, SHARED_STATE_TTL_MS);
    await tx.exec();
  }

  async update(standing: Standing): Promise<boolean> {
    const { scanKey, repositoriesKey } = this.#keys(standing.ref.owner);
    const gone = standing.state === "gone";
    const changed = await this.redis.eval(
      UPDATE,
      2,
      scanKey,
      repositoriesKey,
      repositoryJobKey(standing.ref),
      gone ? "" : JSON.stringify(standing),
      standing.state,
      standing.reason ?? "",
      SHARED_STATE_TTL_MS,
    );
    return changed === 1;
  }

  async of(org: string): Promise<OrgStandings | undefined> {
    const { scanKey, repositoriesKey } = this.#keys(org);
    const results = await this.redis.multi().hgetall(scanKey).hgetall(repositoriesKey).exec();
    const [scan, repositories] = (results ?? []).map(([error, value]) => {
      if (error) throw error;
      return value as Record<string, string>;
    });
    const scannedAt = readCount(scan?.scannedAt);
    if (!scan || scannedAt === undefined) return undefined;
    // Sorted by key so every replica lists the repositories in the same order (a hash has none of its own).
    const entries = Object.entries(repositories ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = new Map<string, Standing>();
    const unreadable: Array<[string, string]> = [];
    for (const [key, json] of entries) {
      const row = readStanding(json);
      if (row) rows.set(key, row);
      else unreadable.push([key, json]);
    }
    if (unreadable.length > 0) {
      // Never shown, never trusted: dropped, so the next reconcile or scan of the repository writes it anew.
      this.log?.error(
        { org, repositories: unreadable.map(([key]) => key) },
        "unreadable rollout standings in Redis: dropped; the next scan records them again",
      );
      await dropUnreadable(this.redis, repositoriesKey, unreadable);
    }
    return { policyConsent: scan.policyConsent === "1", scannedAt, repositories: rows };
  }

  #keys(org: string): { scanKey: string; repositoriesKey: string } {
    const base = `${this.prefix}${org.toLowerCase()}`;
    return { scanKey: `${base}:scan`, repositoriesKey: `${base}:repositories` };
  }
}
