/**
 * The audits `status` adds to its dry run: the workflow audit of the default branch's head (one GraphQL read, as
 * the check run does it) and JFrog's side for this one repository (the integration's mappings listed, judged with
 * the same analysis as the dashboard and `jfrog-oidc-rollout audit`). Read-only. Each half fails closed on its
 * own: what could not be read is said in the reply, never shown as clean.
 */
import { auditContextFromPolicy } from "../../audit/audit-context.js";
import { auditRepository } from "../../audit/audit-repository.js";
import type { Finding } from "../../audit/finding.js";
import { auditIntegration, type Shadow } from "../../audit/jfrog/analyze-integration.js";
import { listIntegrationMappings } from "../../audit/jfrog/integration-mappings.js";
import { readWorkflowFiles } from "../../github/read-workflow-files.js";
import { isOwnedByApp } from "../../reconcile/desired-mapping.js";
import type { CommandContext } from "../command-context.js";
import { describeFailure } from "../render/failure.js";
import type { Planned } from "./reconcile-outcome.js";

/** `error`: what went wrong and what to do, in words (error messages themselves are not echoed: see failure.ts). */
export type Audited<T> = { ok: true; value: T } | { ok: false; error: string };

export interface StatusAudit {
  /** Null for an empty repository (nothing to audit yet). */
  workflows: Audited<{ findings: Finding[]; unreadable: string[] } | null>;
  jfrog: Audited<{
    hasAppMapping: boolean;
    /** Mappings this app does not own that admit the repository's tokens before its own (or at all, without one). */
    shadowedBy: Array<Shadow & { priority?: number }>;
  }>;
}

export async function auditForStatus(ctx: CommandContext, outcome: Planned): Promise<StatusAudit> {
  const [workflows, jfrog] = await Promise.all([
    attempt(ctx, "workflow audit", () => workflowAudit(ctx, outcome)),
    attempt(ctx, "JFrog mapping audit", () => jfrogAudit(ctx, outcome)),
  ]);
  return { workflows, jfrog };
}

async function workflowAudit(ctx: CommandContext, { observed, policy }: Planned) {
  const { repo } = observed;
  if (!repo.defaultBranch) return null;
  const { files, unreadable } = await readWorkflowFiles(
    ctx.octokit,
    { owner: repo.owner, repo: repo.name },
    repo.defaultBranch.oid,
  );
  return { findings: auditRepository(files, auditContextFromPolicy(policy)), unreadable };
}

async function jfrogAudit(ctx: CommandContext, { observed, policy }: Planned) {
  const { repo } = observed;
  const mappings = await listIntegrationMappings(
    (provider, scope) => ctx.reconcile.jfrog.listMappings(provider, scope),
    policy,
  );
  const audit = auditIntegration({
    mappings,
    repositories: [{ fullName: repo.fullName, id: repo.id, ownerId: repo.ownerId }],
    issuer: policy.provider.issuer,
    policyExpiresIn: policy.token.expiresIn,
    ownedByApp: isOwnedByApp,
  });
  const report = audit.repositories[0];
  const priority = new Map(audit.mappings.map((m) => [m.name, m.priority]));
  return {
    hasAppMapping: report?.appMapping !== undefined,
    shadowedBy: (report?.shadowedBy ?? []).map((s) => {
      const p = priority.get(s.mapping);
      return { ...s, ...(p !== undefined && { priority: p }) };
    }),
  };
}

async function attempt<T>(ctx: CommandContext, what: string, run: () => Promise<T>): Promise<Audited<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    ctx.log.warn({ what, err: error }, "status: an audit could not be read");
    const failure = describeFailure(error);
    return { ok: false, error: `${failure.what}: ${failure.todo}` };
  }
}
