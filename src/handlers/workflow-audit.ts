import type { Context } from "probot";
import { auditWorkflowsAtCommit } from "../reconcile/audit-workflows.js";
import type { AppDeps } from "./app-deps.js";
import { queueKey } from "./enqueue-repository.js";

/**
 * A push to the default branch or a pull request that changes `.github/workflows/` (or a local action) gets the
 * workflow audit as a check run on its head commit. Filter, then queue under the repository's key so it never
 * overlaps the repository's reconcile.
 */
const WATCHED = /^\.github\/(workflows|actions)\//;

type AuditEvent =
  | Context<"push">
  | Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

export function onWorkflowAuditEvent(deps: AppDeps) {
  return async (context: AuditEvent): Promise<void> => {
    const target = await auditTarget(context);
    if (!target) return;
    const { repository } = context.payload;
    const log = context.log.child({ repository: repository.full_name, sha: target.headSha });
    deps.queue.enqueue(
      queueKey({
        owner: repository.owner?.login ?? "",
        name: repository.name,
        ids: { ownerId: repository.owner?.id ?? 0, repoId: repository.id },
      }),
      async () => {
        await auditWorkflowsAtCommit(context.octokit, log, target);
      },
      repository.full_name,
    );
  };
}

async function auditTarget(context: AuditEvent) {
  const repo = {
    owner: context.payload.repository.owner?.login ?? "",
    repo: context.payload.repository.name,
  };
  if ("pull_request" in context.payload) {
    const pr = context.payload.pull_request;
    // One page of the PR's files: a PR with more than 100 files is audited without looking (fail closed).
    const { data } = await context.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
      ...repo,
      pull_number: pr.number,
      per_page: 100,
    });
    if (
      data.length < 100 &&
      !data.some((f) => WATCHED.test(f.filename) || WATCHED.test(f.previous_filename ?? ""))
    ) {
      context.log.debug("workflow audit skipped: the pull request changes no workflow");
      return undefined;
    }
    return { repo, headSha: pr.head.sha };
  }
  const { payload } = context as Context<"push">;
  if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}` || !payload.after)
    return undefined;
  const changed = payload.commits.flatMap((c) => [
    ...(c.added ?? []),
    ...(c.modified ?? []),
    ...(c.removed ?? []),
  ]);
  // A push payload lists at most 20 commits (https://docs.github.com/webhooks/webhook-events-and-payloads#push):
  // beyond that, audit without knowing (fail closed).
  if (payload.commits.length < 20 && !changed.some((path) => WATCHED.test(path))) {
    context.log.debug("workflow audit skipped: the push changes no workflow");
    return undefined;
  }
  return { repo, headSha: payload.after };
}
