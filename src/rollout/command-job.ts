/**
 * A `CommandJob` (data) turned back into what `runCommentCommands` needs: the comment is parsed again from its
 * body (the job carries text, not parse results), and the place and commenter come from the job, never from a
 * fresh lookup, so authorization is checked for the comment's author.
 */
import type { ParsedComment } from "../commands/parse/parse-comment.js";
import { parseComment } from "../commands/parse/parse-comment.js";
import type { CommentJob } from "../commands/run-comment.js";
import type { ReconcileDeps } from "../reconcile/reconcile-repository.js";
import { type SummarySources, summarizeOrg } from "./dashboard/org-summary.js";
import type { CommandJob } from "./job.js";
import type { JobQueue } from "./ports.js";
import type { RolloutStateCache } from "./rollout-state-cache.js";

export interface CommandJobDeps {
  reconcile: ReconcileDeps;
  queue: Pick<JobQueue, "add">;
  rolloutState: RolloutStateCache;
  /** What `/jfrog-oidc rollout status` summarizes: the dashboard's own sources. */
  summarySources?: SummarySources;
}

export function commentJob(job: CommandJob, deps: CommandJobDeps): CommentJob | null {
  const parsed: ParsedComment = parseComment(job.comment.body);
  if (parsed.commands.length === 0) return null;
  const { repository, comment } = job;
  const target = {
    owner: repository.owner,
    name: repository.name,
    ...(repository.ownerId !== undefined &&
      repository.repoId !== undefined && { ids: { ownerId: repository.ownerId, repoId: repository.repoId } }),
  };
  const log = deps.reconcile.log;
  const sources = deps.summarySources;
  return {
    context: {
      octokit: deps.reconcile.octokit,
      log,
      deliveryId: job.deliveryId ?? "(none)",
      reconcile: deps.reconcile,
      target,
      place: { owner: repository.owner, repo: repository.name, ...job.place },
      rollout: {
        installationId: job.installationId,
        queue: deps.queue,
        state: deps.rolloutState,
        ...(sources?.writesStopped && { writesStopped: sources.writesStopped }),
        ...(sources && {
          summarize: (org: string, publicOnly: boolean) =>
            summarizeOrg(sources, deps.reconcile.octokit, {
              installationId: job.installationId,
              org,
              publicOnly,
            }),
        }),
      },
      retryInBackground: (reason: string) => {
        void deps.queue.add({
          kind: "reconcile",
          installationId: job.installationId,
          reason,
          priority: "event",
          ...(job.deliveryId && { deliveryId: job.deliveryId }),
          repository,
        });
      },
    },
    commenter: comment.author,
    commentId: comment.id,
    issueNumber: comment.issueNumber,
    parsed,
  };
}
