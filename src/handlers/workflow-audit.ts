import type { Context } from "probot";
import { WORKFLOW_PATHS } from "../github/pull-request-files.js";
import { auditWorkflowsAtCommit, type WorkflowAuditTarget } from "../reconcile/audit-workflows.js";
import type { AppDeps } from "./app-deps.js";
import { queueKey } from "./enqueue-repository.js";

/**
 * A push to the default branch that changes `.github/workflows/` (or a local action), or an opened / updated pull
 * request, gets the workflow audit as a check run on its head commit. Filter on the payload, then queue under the
 * repository's key (never overlapping its reconcile); the job asks GitHub which files a PR changes.
 */
type AuditEvent =
  | Context<"push">
  | Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

export function onWorkflowAuditEvent(deps: AppDeps) {
  return async (context: AuditEvent): Promise<void> => {
    const target = auditTarget(context);
    if (!target) return;
    const { repository } = context.payload;
    const log = context.log.child({ repository: repository.full_name, sha: target.headSha });
    const owner = { login: repository.owner?.login ?? target.repo.owner, id: repository.owner?.id ?? 0 };
    deps.queue.enqueue(
      queueKey({
        owner: owner.login,
        name: repository.name,
        ids: { ownerId: owner.id, repoId: repository.id },
      }),
      async () => {
        await auditWorkflowsAtCommit(context.octokit, log, target);
      },
      repository.full_name,
    );
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
      ...(context.payload.sender.type === "Bot" ? { botBranch: pr.head.ref } : {}),
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
