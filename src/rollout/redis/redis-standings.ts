/**
 * The rollout standings in Redis, one copy for every replica (so they render the same dashboard and answer the
 * same `/jfrog-oidc rollout status`). Per org: a hash of the repositories (field: `repositoryJobKey`, value: the
 * standing as JSON) and a hash of the scan's facts (`policyConsent`, `scannedAt`). A scan replaces both in one
 * MULTI; a finished job's update is one Lua script (read, compare, write) so two replicas finishing at once both
 * land and each learns whether its own write changed the state.
 * https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
 */
import type { Redis } from "ioredis";
import type { OrgStandings, Standing, StandingsStore } from "../dashboard/standings.js";
import { repositoryJobKey } from "../job.js";

/** KEYS: scan facts, repositories. ARGV: field, standing JSON (empty: gone), state, reason (empty: none). */
const UPDATE = `
if redis.call("EXISTS", KEYS[1]) == 0 then return 0 end
local before = redis.call("HGET", KEYS[2], ARGV[1])
if ARGV[2] == "" then return redis.call("HDEL", KEYS[2], ARGV[1]) end
redis.call("HSET", KEYS[2], ARGV[1], ARGV[2])
if not before then return 1 end
local old = cjson.decode(before)
local oldReason = old.reason
if type(oldReason) ~= "string" then oldReason = "" end
if old.state ~= ARGV[3] or oldReason ~= ARGV[4] then return 1 end
return 0`;

export class RedisStandings implements StandingsStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:standings:",
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
    if (!scan || scan.scannedAt === undefined) return undefined;
    // Sorted by key so every replica lists the repositories in the same order (a hash has none of its own).
    const entries = Object.entries(repositories ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      policyConsent: scan.policyConsent === "1",
      scannedAt: Number(scan.scannedAt),
      repositories: new Map(entries.map(([key, json]) => [key, JSON.parse(json) as Standing])),
    };
  }

  #keys(org: string): { scanKey: string; repositoriesKey: string } {
    const base = `${this.prefix}${org.toLowerCase()}`;
    return { scanKey: `${base}:scan`, repositoriesKey: `${base}:repositories` };
  }
}
