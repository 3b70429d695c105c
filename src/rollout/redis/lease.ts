/**
 * A lease in Redis: `SET key token NX PX ttl` takes it, a Lua compare-and-delete gives it back only when the
 * caller still holds it (https://redis.io/docs/latest/commands/set/#patterns). Two uses:
 * - `runOncePerInterval`: the sweep and the failed-delivery redelivery run once per interval across replicas.
 *   The lease is NOT released after the run: it expires at the end of the interval, so a replica that checks a
 *   moment later skips instead of running the same work again.
 * - a per-repository run lock (the Redis queue), renewed while the job runs and released when it ends; a crashed
 *   holder's lock expires with its ttl.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;

export interface Lease {
  readonly key: string;
  readonly token: string;
  /** Extends the lease; false when it was lost (expired and maybe taken by another). */
  renew(ttlMs: number): Promise<boolean>;
  /** Gives the lease back if this holder still has it; true when it did. */
  release(): Promise<boolean>;
}

export class RedisLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:lease:",
  ) {}

  /** The lease on `name` for `ttlMs`, or undefined when another holder has it. */
  async acquire(name: string, ttlMs: number): Promise<Lease | undefined> {
    const key = this.prefix + name;
    const token = randomUUID();
    const taken = await this.redis.set(key, token, "PX", Math.max(1, Math.ceil(ttlMs)), "NX");
    if (taken !== "OK") return undefined;
    return {
      key,
      token,
      renew: async (ms) => (await this.redis.eval(RENEW, 1, key, token, Math.ceil(ms))) === 1,
      release: async () => (await this.redis.eval(RELEASE, 1, key, token)) === 1,
    };
  }

  /**
   * Runs `work` only if no replica ran it in the last `intervalMs`: answers whether this replica ran it. A failed
   * run gives the lease back so the next replica's timer may try again instead of waiting a whole interval.
   */
  async runOncePerInterval(name: string, intervalMs: number, work: () => Promise<void>): Promise<boolean> {
    const lease = await this.acquire(name, intervalMs);
    if (!lease) return false;
    try {
      await work();
    } catch (error) {
      await lease.release();
      throw error;
    }
    return true;
  }
}
