/**
 * The audits `status` adds to its dry run: the workflow audit of the default branch's head (one GraphQL read, as
 * the check run does it) and JFrog's side for this one repository (the integration's mappings listed, judged with
 * the same analysis as the dashboard and `jfrog-oidc-rollout audit`). Read-only. Each half fails closed on its
 * own: what could not be read is said in the reply, never shown as clean.
 */
import { auditContextFromPolicy } from "../../audit/audit-context.js";
import { auditRepository } from "../../audit/audit-repository.js";
import { auditIntegration } from "../../audit/jfrog/analyze-integration.js";
import { listIntegrationMappings } from "../../audit/jfrog/integration-mappings.js";
import { describeFailure } from "../../github/failure-words.js";
import { readWorkflowFiles } from "../../github/read-workflow-files.js";
import { isOwnedByApp } from "../../reconcile/desired-mapping.js";
import type { ObservedOutcome } from "../../reconcile/reconcile-repository.js";
import type { CommandContext } from "../command-context.js";
import type { Audited, StatusAudit } from "../render/status-audit.js";

export async function auditForStatus(ctx: CommandContext, outcome: ObservedOutcome): Promise<StatusAudit> {
  const [workflows, jfrog] = await Promise.all([
    attempt(ctx, "workflow audit", () => workflowAudit(ctx, outcome)),
    attempt(ctx, "JFrog mapping audit", () => jfrogAudit(ctx, outcome)),
  ]);
  return { workflows, jfrog };
}

async function workflowAudit(ctx: CommandContext, { observed, policy }: ObservedOutcome) {
  const { repo } = observed;
  if (!repo.defaultBranch) return null;
  const { files, unreadable } = await readWorkflowFiles(
    ctx.octokit,
    { owner: repo.owner, repo: repo.name },
    repo.defaultBranch.oid,
  );
  return { findings: auditRepository(files, auditContextFromPolicy(policy)), unreadable };
}

async function jfrogAudit(ctx: CommandContext, { observed, policy, orgPlan }: ObservedOutcome) {
  const { repo } = observed;
  // An integration still to be created holds no mappings (JFrog would answer 404 for its listing).
  const mappings =
    orgPlan.state === "create-integration"
      ? []
      : await listIntegrationMappings(
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
