/**
 * Where the Redis queue keeps what a repository's next run is about, so coalescing is atomic across replicas.
 * BullMQ jobs are only TOKENS that wake a worker for a key; the payload lives here, per key:
 * - `pending`: the entry the key's next run takes (newest job data, highest priority, earliest due time);
 * - `token`: the id of the one BullMQ token that will take `pending` (so a key has at most one waiting);
 * - `running`: the entry a run took, kept until it ends, so a run lost to a crash is taken again.
 * Each step is one Lua script: an `add` racing a worker's `take` lands either in this run or in the next.
 */
import type { Redis } from "ioredis";
import { readSlotEntry } from "./stored-records.js";

export interface SlotEntry {
  /** The job, JSON-encoded (kept as a string so Lua never re-encodes it). */
  job: string;
  /** 1 for the first try; deferrals do not count. */
  attempt: number;
  /** PRIORITY_RANK: lower runs first. */
  rank: number;
  dueMs: number;
}

// A stored entry that does not decode (or lacks its numbers) is not merged: the newer one replaces it. Never an
// error: a corrupt record must not refuse every later event of its repository.
const MERGE = `
local function decoded(text)
  local ok, value = pcall(cjson.decode, text)
  if ok and type(value) == "table" and type(value.rank) == "number" and type(value.dueMs) == "number" then return value end
  return nil
end
local function merge(older, newer)
  if not older then return newer end
  newer.rank = math.min(older.rank, newer.rank)
  newer.dueMs = math.min(older.dueMs, newer.dueMs)
  return newer
end
`;

// KEYS pending, token, counter. ARGV key, entry, token id prefix. → {token id, 1 if new, merged due}
const ADD = `${MERGE}
local entry = cjson.decode(ARGV[2])
local current = redis.call("HGET", KEYS[1], ARGV[1])
if current then entry = merge(decoded(current), entry) end
redis.call("HSET", KEYS[1], ARGV[1], cjson.encode(entry))
local token = redis.call("HGET", KEYS[2], ARGV[1])
if token then return {token, 0, tostring(entry.dueMs), entry.rank} end
token = ARGV[3] .. "-" .. redis.call("INCR", KEYS[3])
redis.call("HSET", KEYS[2], ARGV[1], token)
return {token, 1, tostring(entry.dueMs), entry.rank}
`;

// KEYS pending, token, running. ARGV key, token id, now. → the entry to run, or nil
const TAKE = `${MERGE}
local pending = redis.call("HGET", KEYS[1], ARGV[1])
local token = redis.call("HGET", KEYS[2], ARGV[1])
-- A stale token (not the key's) must not run work that another token holds for later.
local due = pending and decoded(pending)
if due and token ~= ARGV[2] and due.dueMs > tonumber(ARGV[3]) then return false end
if token == ARGV[2] then redis.call("HDEL", KEYS[2], ARGV[1]) end
if pending then
  redis.call("HDEL", KEYS[1], ARGV[1])
  redis.call("HSET", KEYS[3], ARGV[1], pending)
  return pending
end
return redis.call("HGET", KEYS[3], ARGV[1])
`;

// KEYS pending, token, running. ARGV key, token id, entry to hold. → {1 if this token waits for it, due}
const PUT_BACK = `${MERGE}
redis.call("HDEL", KEYS[3], ARGV[1])
local entry = cjson.decode(ARGV[3])
local newer = redis.call("HGET", KEYS[1], ARGV[1])
if newer and decoded(newer) then entry = merge(entry, decoded(newer)) end
redis.call("HSET", KEYS[1], ARGV[1], cjson.encode(entry))
if redis.call("HGET", KEYS[2], ARGV[1]) then return {0, tostring(entry.dueMs)} end
redis.call("HSET", KEYS[2], ARGV[1], ARGV[2])
return {1, tostring(entry.dueMs)}
`;

export class SlotStore {
  readonly #pending: string;
  readonly #token: string;
  readonly #running: string;
  readonly #counter: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** An entry read back that does not parse (slot-store entries are data from outside the process). */
    private readonly onUnreadable: (key: string, raw: string) => void = () => {},
  ) {
    this.#pending = `${prefix}:slots:pending`;
    this.#token = `${prefix}:slots:token`;
    this.#running = `${prefix}:slots:running`;
    this.#counter = `${prefix}:slots:counter`;
  }

  /** Merges `entry` into the key's pending entry; answers the token that will run it and whether it is new. */
  async add(
    key: string,
    entry: SlotEntry,
    tokenPrefix: string,
  ): Promise<{ token: string; fresh: boolean; dueMs: number; rank: number }> {
    const keys = [this.#pending, this.#token, this.#counter];
    const [token, fresh, dueMs, rank] = (await this.redis.eval(
      ADD,
      3,
      ...keys,
      key,
      JSON.stringify(entry),
      tokenPrefix,
    )) as [string, number, string, number];
    return { token, fresh: fresh === 1, dueMs: Number(dueMs), rank };
  }

  /** The entry token `token` runs now (pending, else a crashed run's), or undefined when there is none. */
  async take(key: string, token: string, nowMs: number): Promise<SlotEntry | undefined> {
    const keys = [this.#pending, this.#token, this.#running];
    const raw = (await this.redis.eval(TAKE, 3, ...keys, key, token, nowMs)) as string | null;
    return raw ? this.#read(key, raw) : undefined;
  }

  /**
   * A run ends without finishing (deferred, or failed and to be retried): its entry waits again, merged under any
   * newer one. Answers whether `token` is the one to wait for it (else a newer token already does) and when.
   */
  async putBack(key: string, token: string, entry: SlotEntry): Promise<{ waits: boolean; dueMs: number }> {
    const keys = [this.#pending, this.#token, this.#running];
    const [waits, dueMs] = (await this.redis.eval(
      PUT_BACK,
      3,
      ...keys,
      key,
      token,
      JSON.stringify(entry),
    )) as [number, string];
    return { waits: waits === 1, dueMs: Number(dueMs) };
  }

  /** The entry a run of `key` took and has not finished (e.g. its replica died). */
  async running(key: string): Promise<SlotEntry | undefined> {
    const raw = await this.redis.hget(this.#running, key);
    return raw ? this.#read(key, raw) : undefined;
  }

  /** A stored entry through its schema; one that does not parse is reported and its run dropped (never trusted). */
  async #read(key: string, raw: string): Promise<SlotEntry | undefined> {
    const entry = readSlotEntry(raw);
    if (entry) return entry;
    this.onUnreadable(key, raw);
    await this.finish(key);
    return undefined;
  }

  /** The run is over (done or given up). */
  async finish(key: string): Promise<void> {
    await this.redis.hdel(this.#running, key);
  }
}
