/**
 * Slash-commands (`/jfrog-oidc …`) in issue and PR comments. Only new comments count: an edit or a deletion must not
 * run a command again. Bots are ignored (the app's own replies above all). Parsing is pure and cheap; everything
 * else (authorization, the 👀 claim, running, replying) is one command job on the repository's queue key, so it
 * never overlaps a reconcile of the same repository and is never coalesced away.
 */
import type { Context } from "probot";
import { mentionsCommand, type ParsedComment, parseComment } from "../commands/parse/parse-comment.js";
import { runCommentCommands } from "../commands/run-comment.js";
import type { ReconcileTarget } from "../reconcile/reconcile-repository.js";
import type { AppDeps } from "./app-deps.js";
import { enqueueRepository, queueKey, reconcileDeps, targetOf } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

type CommentContext = Context<"issue_comment.created">;

export function onIssueComment(deps: AppDeps) {
  return async (context: CommentContext): Promise<void> => {
    if (!isWellFormed("issue_comment.created", context)) return;
    const { comment, repository, sender } = context.payload;
    if (sender.type === "Bot" || comment.user?.type === "Bot" || comment.performed_via_github_app) {
      context.log.debug({ sender: sender.login }, "comment ignored: from a bot");
      return;
    }
    // The comment's author is who asks: authorization is checked for them, never for anyone else.
    if (!comment.user || comment.user.login !== sender.login) {
      context.log.debug({ sender: sender.login }, "comment ignored: its author is not the sender");
      return;
    }
    if (!mentionsCommand(comment.body)) return;
    const parsed = parseComment(comment.body);
    if (parsed.commands.length === 0) {
      context.log.debug("comment ignored: no command at the start of a line outside code and quotes");
      return;
    }
    const target = targetOf(repository);
    deps.queue.enqueueCommand(queueKey(target), () =>
      runCommentCommands(commentJob(deps, context, target, parsed)),
    );
  };
}

function commentJob(deps: AppDeps, context: CommentContext, target: ReconcileTarget, parsed: ParsedComment) {
  const { comment, repository, issue, sender } = context.payload;
  const log = context.log.child({
    repository: repository.full_name,
    comment: comment.id,
    commenter: sender.login,
  });
  return {
    context: {
      octokit: context.octokit,
      log,
      deliveryId: context.id,
      reconcile: reconcileDeps(deps, context, log),
      target,
      place: {
        owner: repository.owner.login,
        ownerType: repository.owner.type === "Organization" ? ("Organization" as const) : ("User" as const),
        repo: repository.name,
        // Internal repositories are `private: true` yet readable across the enterprise: only public counts as public.
        isPublic: repository.visibility === "public",
      },
      retryInBackground: (reason: string) => enqueueRepository(deps, context, target, reason),
    },
    commenter: sender.login,
    commentId: comment.id,
    issueNumber: issue.number,
    parsed,
  };
}
