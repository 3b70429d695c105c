/**
 * What the app reads back from Redis is data from outside the process: another version of the app, a person with
 * redis-cli, a truncated write. Every record is parsed through a schema here (zod, as the settings and the policy
 * are) before it is trusted; one that does not parse is `undefined` to the caller, which reports it and drops or
 * repairs it. Schemas check what the code relies on; a carried observation is checked again for freshness by
 * reconcile/carried-observation.ts and re-read from GitHub when stale.
 */
import type { Redis } from "ioredis";
import { z } from "zod";
import { RULES } from "../../audit/finding.js";
import type { IntegrationAudit } from "../../audit/jfrog/analyze-integration.js";
import { PLAN_STATES } from "../../reconcile/plan.js";
import type { WorkflowAuditStanding } from "../dashboard/audit-standings.js";
import type { Standing } from "../dashboard/standings.js";
import type { Job } from "../job.js";

const id = z.number().int().nonnegative();
const repositoryRef = z.object({
  owner: z.string().min(1),
  name: z.string().min(1),
  ownerId: id.optional(),
  repoId: id.optional(),
});

const standing = z.object({
  ref: repositoryRef,
  state: z.enum(PLAN_STATES),
  reason: z.string().optional(),
  isPublic: z.boolean(),
  writes: z.number().int().nonnegative().optional(),
});

const ruleIds = Object.keys(RULES) as [keyof typeof RULES, ...(keyof typeof RULES)[]];
const workflowAuditStanding = z.object({
  ref: repositoryRef,
  errors: id,
  warnings: id,
  rules: z.array(z.enum(ruleIds)),
  unreadable: id,
});

const integrationAudit = z.object({
  mappings: z.array(
    z.object({
      name: z.string(),
      owner: z.enum(["app", "other"]),
      priority: z.number().optional(),
      projectKey: z.string().optional(),
      admits: z.array(z.string()),
      findings: z.array(
        z.object({
          mapping: z.string(),
          rule: z.enum([
            "no-issuer",
            "no-repository-pin",
            "wildcard-claim",
            "name-only-pin",
            "admin-scope",
            "long-expiry",
          ]),
          severity: z.enum(["error", "warning", "notice"]),
          message: z.string(),
        }),
      ),
    }),
  ),
  repositories: z.array(
    z.object({
      repository: z.string(),
      appMapping: z.string().optional(),
      shadowedBy: z.array(
        z.object({
          mapping: z.string(),
          conditionalOn: z.array(z.string()),
          projectKey: z.string().optional(),
        }),
      ),
    }),
  ),
});

const slotEntry = z.object({
  job: z.string(),
  attempt: z.number().int().min(1),
  rank: z.number().int().min(0),
  dueMs: z.number().finite(),
});

const jobBase = {
  installationId: id,
  reason: z.string(),
  priority: z.enum(["command", "event", "backfill"]),
  deliveryId: z.string().optional(),
  requestedAt: z.number().optional(),
};
const job = z.discriminatedUnion("kind", [
  z.looseObject({
    ...jobBase,
    kind: z.literal("reconcile"),
    repository: repositoryRef,
    options: z
      .object({
        reopenDeclined: z.boolean().optional(),
        optOut: z.enum(["record", "clear"]).optional(),
        uninstalled: z.boolean().optional(),
      })
      .optional(),
    observed: z.looseObject({}).optional(),
  }),
  z.object({
    ...jobBase,
    kind: z.literal("command"),
    repository: repositoryRef,
    comment: z.object({ id, body: z.string(), author: z.string(), issueNumber: id }),
    place: z.object({ ownerType: z.enum(["Organization", "User"]), isPublic: z.boolean() }),
  }),
  z.object({ ...jobBase, kind: z.literal("org-scan"), org: z.string().min(1) }),
  z.object({
    ...jobBase,
    kind: z.literal("workflow-audit"),
    repository: repositoryRef,
    headSha: z.string(),
    pullNumber: id.optional(),
    botBranch: z.string().optional(),
  }),
  z.object({
    ...jobBase,
    kind: z.literal("policy-preview"),
    repository: repositoryRef,
    pullNumber: id,
    headSha: z.string(),
  }),
  z.object({ ...jobBase, kind: z.literal("dashboard"), repository: repositoryRef }),
  z.object({
    ...jobBase,
    kind: z.literal("dashboard-edit"),
    repository: repositoryRef,
    ownerType: z.enum(["Organization", "User"]),
    issueNumber: id,
    editor: z.string(),
    previousBody: z.string(),
    body: z.string(),
  }),
]);

/** `text` as JSON through `schema`; undefined when it is not JSON or does not fit. */
function read<T>(schema: z.ZodType, text: string): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as T) : undefined;
}

export const readStanding = (text: string) => read<Standing>(standing, text);
export const readWorkflowAuditStanding = (text: string) =>
  read<WorkflowAuditStanding>(workflowAuditStanding, text);
export const readIntegrationAudit = (text: string) => read<IntegrationAudit>(integrationAudit, text);
/** A slot-store entry (slot-store.ts `SlotEntry`, which imports this module: typed by the schema itself). */
export const readSlotEntry = (text: string) => read<z.infer<typeof slotEntry>>(slotEntry, text);
export const readJob = (text: string) => read<Job>(job, text);

/** A whole number stored as a string (a hash field), or undefined. */
export function readCount(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

const DROP_IF_UNCHANGED = `if redis.call("HGET", KEYS[1], ARGV[1]) == ARGV[2] then return redis.call("HDEL", KEYS[1], ARGV[1]) end return 0`;

/** Drops unreadable hash fields, each only if it still holds the unreadable value (another replica may have rewritten it). */
export async function dropUnreadable(
  redis: Redis,
  key: string,
  fields: ReadonlyArray<[string, string]>,
): Promise<void> {
  for (const [field, value] of fields) await redis.eval(DROP_IF_UNCHANGED, 1, key, field, value);
}
