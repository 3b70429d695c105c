/**
 * A `CommandJob` (data) turned back into what `runCommentCommands` needs: the comment is parsed again from its
 * body (the job carries text, not parse results), and the place and commenter come from the job, never from a
 * fresh lookup, so authorization is checked for the comment's author.
 */
import { summarizeOrg } from "../rollout/dashboard/org-summary.js";
import type { CommandJob } from "../rollout/job.js";
import type { CommandJobDeps, CommandRunner } from "../rollout/worker.js";
import { type ParsedComment, parseComment } from "./parse/parse-comment.js";
import { type CommentJob, runCommentCommands } from "./run-comment.js";

/** The worker's command runner: nothing is written unless the 👀 claim and one reply per command fit the budget. */
export const runCommandJob: CommandRunner = async (job, deps, reserve) => {
  const comment = commentJob(job, deps);
  if (!comment) return;
  await reserve(1 + comment.parsed.commands.length);
  await runCommentCommands(comment);
};

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
    ownBotLogin: deps.ownBotLogin,
    now: deps.now,
    commentId: comment.id,
    issueNumber: comment.issueNumber,
    parsed,
  };
}
