/**
 * The dashboard notes in Redis (one hash per org), shared by every replica: which issue is the dashboard, the
 * body last written, when (the debounce) and whether someone edited it since. A note merges field by field
 * (HSET of the fields given), as the in-memory `DashboardMemory` does.
 */
import type { Redis } from "ioredis";
import type { DashboardNote, DashboardNotes } from "../dashboard/dashboard-issue.js";
import { SHARED_STATE_TTL_MS } from "./retention.js";
import { readCount } from "./stored-records.js";

export class RedisDashboardNotes implements DashboardNotes {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:dashboard:",
  ) {}

  async of(org: string): Promise<DashboardNote> {
    const stored = await this.redis.hgetall(this.#key(org));
    // A field that does not parse is left out: the dashboard issue is then looked up again, and written anew.
    const issueNumber = readCount(stored.issueNumber);
    const writtenAt = readCount(stored.writtenAt);
    return {
      ...(issueNumber !== undefined && issueNumber > 0 && { issueNumber }),
      ...(stored.body !== undefined && { body: stored.body }),
      ...(writtenAt !== undefined && { writtenAt }),
      ...((stored.edited === "1" || stored.edited === "0") && { edited: stored.edited === "1" }),
    };
  }

  async note(org: string, note: DashboardNote): Promise<void> {
    const fields: string[] = [];
    if (note.issueNumber !== undefined) fields.push("issueNumber", String(note.issueNumber));
    if (note.body !== undefined) fields.push("body", note.body);
    if (note.writtenAt !== undefined) fields.push("writtenAt", String(note.writtenAt));
    if (note.edited !== undefined) fields.push("edited", note.edited ? "1" : "0");
    if (fields.length === 0) return;
    // Refreshed by every write (retention.ts): an org the app no longer hears of lets its notes expire.
    const key = this.#key(org);
    await this.redis
      .multi()
      .hset(key, ...fields)
      .pexpire(key, SHARED_STATE_TTL_MS)
      .exec();
  }

  #key(org: string): string {
    return this.prefix + org.toLowerCase();
  }
}
