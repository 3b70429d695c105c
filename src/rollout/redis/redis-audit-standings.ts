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
import {
  type AuditStore,
  type OrgAuditStandings,
  type WorkflowAuditStanding,
  workflowAuditStanding,
} from "../dashboard/audit-standings.js";
import { type RepositoryRef, repositoryJobKey } from "../job.js";

/** KEYS: org facts, workflow rows. ARGV: field, row JSON (empty: no row). Returns 1 when the row changed. */
const RECORD = `
redis.call("HSET", KEYS[1], "known", "1")
local before = redis.call("HGET", KEYS[2], ARGV[1]) or ""
if ARGV[2] == "" then redis.call("HDEL", KEYS[2], ARGV[1]) else redis.call("HSET", KEYS[2], ARGV[1], ARGV[2]) end
if before == ARGV[2] then return 0 end
return 1`;

export class RedisAuditStandings implements AuditStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "jfrog-oidc-rollout:audits:",
  ) {}

  async recordWorkflows(
    ref: RepositoryRef,
    findings: readonly Finding[],
    unreadable: number,
  ): Promise<boolean> {
    const { factsKey, workflowsKey } = this.#keys(ref.owner);
    const standing = workflowAuditStanding(ref, findings, unreadable);
    const row = standing ? JSON.stringify(standing) : "";
    return (await this.redis.eval(RECORD, 2, factsKey, workflowsKey, repositoryJobKey(ref), row)) === 1;
  }

  async recordIntegration(org: string, audit: IntegrationAudit): Promise<void> {
    await this.redis.hset(this.#keys(org).factsKey, "known", "1", "integration", JSON.stringify(audit));
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
    const rows = Object.entries(workflows ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      workflows: new Map(rows.map(([key, json]) => [key, JSON.parse(json) as WorkflowAuditStanding])),
      ...(facts.integration !== undefined && {
        integration: JSON.parse(facts.integration) as IntegrationAudit,
      }),
    };
  }

  #keys(org: string): { factsKey: string; workflowsKey: string } {
    const base = `${this.prefix}${org.toLowerCase()}`;
    return { factsKey: `${base}:facts`, workflowsKey: `${base}:workflows` };
  }
}
