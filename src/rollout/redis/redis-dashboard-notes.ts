/**
 * The dashboard notes in Redis (one hash per org), shared by every replica: which issue is the dashboard, the
 * body last written, when (the debounce) and whether someone edited it since. A note merges field by field
 * (HSET of the fields given), as the in-memory `DashboardMemory` does.
 */
import type { Redis } from "ioredis";
import type { DashboardNote, DashboardNotes } from "../dashboard/dashboard-issue.js";

export class RedisDashboardNotes implements DashboardNotes {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:dashboard:",
  ) {}

  async of(org: string): Promise<DashboardNote> {
    const stored = await this.redis.hgetall(this.#key(org));
    return {
      ...(stored.issueNumber !== undefined && { issueNumber: Number(stored.issueNumber) }),
      ...(stored.body !== undefined && { body: stored.body }),
      ...(stored.writtenAt !== undefined && { writtenAt: Number(stored.writtenAt) }),
      ...(stored.edited !== undefined && { edited: stored.edited === "1" }),
    };
  }

  async note(org: string, note: DashboardNote): Promise<void> {
    const fields: string[] = [];
    if (note.issueNumber !== undefined) fields.push("issueNumber", String(note.issueNumber));
    if (note.body !== undefined) fields.push("body", note.body);
    if (note.writtenAt !== undefined) fields.push("writtenAt", String(note.writtenAt));
    if (note.edited !== undefined) fields.push("edited", note.edited ? "1" : "0");
    if (fields.length > 0) await this.redis.hset(this.#key(org), ...fields);
  }

  #key(org: string): string {
    return this.prefix + org.toLowerCase();
  }
}
