/**
 * The audits' last findings in Redis, shared by every replica (like `redis-standings.ts`). Per org: a hash of the
 * repositories with workflow findings (field: `repositoryJobKey`, value: the row as JSON) and a hash of the org's
 * facts (`known` once anything was recorded, `integration`: the last org scan's JFrog-side audit as JSON). A push's
 * record is one Lua script (read, write, compare) so the replica that changed the row is the one that says so.
 * https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
 */
import type { Redis } from "ioredis";
import type { Finding } from "../../audit/finding.js";
import type { IntegrationAudit } from "../../audit/jfrog/analyze-integration.js";
import type { JobLogger } from "../../logger.js";
import {
  type AuditStore,
  type OrgAuditStandings,
  type WorkflowAuditStanding,
  workflowAuditStanding,
} from "../dashboard/audit-standings.js";
import { type RepositoryRef, repositoryJobKey } from "../job.js";
import { SHARED_STATE_TTL_MS } from "./retention.js";
import { dropUnreadable, readIntegrationAudit, readWorkflowAuditStanding } from "./stored-records.js";

/** KEYS: org facts, workflow rows. ARGV: field, row JSON (empty: no row), ttl ms. Returns 1 when the row changed. */
const RECORD = `
redis.call("HSET", KEYS[1], "known", "1")
redis.call("PEXPIRE", KEYS[1], ARGV[3])
redis.call("PEXPIRE", KEYS[2], ARGV[3])
local before = redis.call("HGET", KEYS[2], ARGV[1]) or ""
if ARGV[2] == "" then redis.call("HDEL", KEYS[2], ARGV[1]) else redis.call("HSET", KEYS[2], ARGV[1], ARGV[2]) end
if before == ARGV[2] then return 0 end
return 1`;

export class RedisAuditStandings implements AuditStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:audits:",
    private readonly log?: JobLogger,
  ) {}

  async recordWorkflows(
    ref: RepositoryRef,
    findings: readonly Finding[],
    unreadable: number,
  ): Promise<boolean> {
    const { factsKey, workflowsKey } = this.#keys(ref.owner);
    const standing = workflowAuditStanding(ref, findings, unreadable);
    const row = standing ? JSON.stringify(standing) : "";
    const args = [repositoryJobKey(ref), row, SHARED_STATE_TTL_MS];
    return (await this.redis.eval(RECORD, 2, factsKey, workflowsKey, ...args)) === 1;
  }

  async recordIntegration(org: string, audit: IntegrationAudit): Promise<void> {
    const { factsKey, workflowsKey } = this.#keys(org);
    await this.redis
      .multi()
      .hset(factsKey, "known", "1", "integration", JSON.stringify(audit))
      .pexpire(factsKey, SHARED_STATE_TTL_MS)
      .pexpire(workflowsKey, SHARED_STATE_TTL_MS)
      .exec();
  }

  async of(org: string): Promise<OrgAuditStandings | undefined> {
    const { factsKey, workflowsKey } = this.#keys(org);
    const results = await this.redis.multi().hgetall(factsKey).hgetall(workflowsKey).exec();
    const [facts, workflows] = (results ?? []).map(([error, value]) => {
      if (error) throw error;
      return value as Record<string, string>;
    });
    if (facts?.known === undefined) return undefined;
    // Sorted by key so every replica lists the rows in the same order (a hash has none of its own).
    const entries = Object.entries(workflows ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = new Map<string, WorkflowAuditStanding>();
    const unreadable: Array<[string, string]> = [];
    for (const [key, json] of entries) {
      const row = readWorkflowAuditStanding(json);
      if (row) rows.set(key, row);
      else unreadable.push([key, json]);
    }
    const integration = facts.integration === undefined ? undefined : readIntegrationAudit(facts.integration);
    if (unreadable.length > 0 || (facts.integration !== undefined && !integration)) {
      // Never shown, never trusted: dropped, so the next push's audit or org scan records them anew.
      this.log?.error(
        {
          org,
          repositories: unreadable.map(([key]) => key),
          integration: facts.integration !== undefined && !integration,
        },
        "unreadable audit findings in Redis: dropped; the next audit records them again",
      );
      await dropUnreadable(this.redis, workflowsKey, unreadable);
      if (facts.integration !== undefined && !integration)
        await dropUnreadable(this.redis, factsKey, [["integration", facts.integration]]);
    }
    return { workflows: rows, ...(integration && { integration }) };
  }

  #keys(org: string): { factsKey: string; workflowsKey: string } {
    const base = `${this.prefix}${org.toLowerCase()}`;
    return { factsKey: `${base}:facts`, workflowsKey: `${base}:workflows` };
  }
}
