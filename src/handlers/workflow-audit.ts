import type { Context } from "probot";
import { WORKFLOW_PATHS } from "../github/pull-request-files.js";
import type { WorkflowAuditTarget } from "../reconcile/audit-workflows.js";
import type { AppDeps } from "./app-deps.js";
import { installationOf } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

/**
 * A push to the default branch that changes `.github/workflows/` (or a local action), or an opened / updated pull
 * request, gets the workflow audit as a check run on its head commit. Filter on the payload, then queue a
 * workflow-audit job (data); the worker asks GitHub which files a PR changes, and the check run's writes come out
 * of the installation's budget like every other write.
 */
type AuditEvent =
  | Context<"push">
  | Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

export function onWorkflowAuditEvent(deps: AppDeps) {
  return async (context: AuditEvent): Promise<void> => {
    if (!isWellFormed("pull_request" in context.payload ? "pull_request" : "push", context)) return;
    const target = auditTarget(context);
    if (!target) return;
    // The app's own onboarding PR adds the workflow it generated: auditing it would cost a read per onboarded
    // repository for a known-clean file. Anyone else's push to that branch is audited as usual.
    const sender = context.payload.sender?.login;
    if (target.botBranch !== undefined && sender && sender === (await deps.ownBotLogin?.())) {
      context.log.debug({ sender }, "workflow audit skipped: the app's own pull request");
      return;
    }
    const { repository } = context.payload;
    await deps.queue.add({
      kind: "workflow-audit",
      installationId: installationOf(context),
      reason: "pull_request" in context.payload ? "pull request updated" : "push to the default branch",
      priority: "event",
      deliveryId: context.id,
      requestedAt: deps.now(),
      repository: {
        owner: target.repo.owner,
        name: repository.name,
        repoId: repository.id,
        ...(repository.owner && { ownerId: repository.owner.id }),
      },
      headSha: target.headSha,
      ...(target.pullNumber !== undefined && { pullNumber: target.pullNumber }),
      ...(target.botBranch !== undefined && { botBranch: target.botBranch }),
    });
  };
}

function auditTarget(context: AuditEvent): WorkflowAuditTarget | undefined {
  const repository = context.payload.repository;
  const repo = { owner: repository.full_name.split("/")[0] ?? "", repo: repository.name };
  if ("pull_request" in context.payload) {
    const pr = context.payload.pull_request;
    return {
      repo,
      headSha: pr.head.sha,
      pullNumber: pr.number,
      ...(context.isBot ? { botBranch: pr.head.ref } : {}),
    };
  }
  const { payload } = context as Context<"push">;
  if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`) return undefined;
  const changed = payload.commits.flatMap((c) => [
    ...(c.added ?? []),
    ...(c.modified ?? []),
    ...(c.removed ?? []),
  ]);
  // A push payload lists at most 20 commits (https://docs.github.com/webhooks/webhook-events-and-payloads#push):
  // beyond that, audit without knowing (fail closed).
  if (payload.commits.length < 20 && !changed.some((path) => WORKFLOW_PATHS.test(path))) {
    context.log.debug("workflow audit skipped: the push changes no workflow");
    return undefined;
  }
  return { repo, headSha: payload.after };
}
