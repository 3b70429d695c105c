/**
 * Slash-commands (`/jfrog-oidc …`) in issue and PR comments. Only new comments count: an edit or a deletion must not
 * run a command again. Bots are ignored (the app's own replies above all). A cheap parse filters; the comment
 * itself becomes a command job (data: the body, its author, where it was written), parsed again by the worker,
 * which does authorization, the 👀 claim, running and replying. Command jobs share the repository's queue key, so
 * they never overlap a reconcile of the same repository, and are never coalesced away.
 */
import type { Context } from "probot";
import { mentionsCommand, parseComment } from "../commands/parse/parse-comment.js";
import type { AppDeps } from "./app-deps.js";
import { installationOf, repositoryRef } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

type CommentContext = Context<"issue_comment.created">;

export function onIssueComment(deps: AppDeps) {
  return async (context: CommentContext): Promise<void> => {
    if (!isWellFormed("issue_comment.created", context)) return;
    const { comment, repository, sender, issue } = context.payload;
    if (context.isBot || comment.user?.type === "Bot" || comment.performed_via_github_app) {
      context.log.debug({ sender: sender.login }, "comment ignored: from a bot");
      return;
    }
    // The comment's author is who asks: authorization is checked for them, never for anyone else.
    if (!comment.user || comment.user.login !== sender.login) {
      context.log.debug({ sender: sender.login }, "comment ignored: its author is not the sender");
      return;
    }
    if (!mentionsCommand(comment.body)) return;
    if (parseComment(comment.body).commands.length === 0) {
      context.log.debug("comment ignored: no command at the start of a line outside code and quotes");
      return;
    }
    await deps.queue.add({
      kind: "command",
      installationId: installationOf(context),
      reason: "slash-command",
      priority: "command",
      deliveryId: context.id,
      requestedAt: deps.now(),
      repository: repositoryRef(repository),
      comment: { id: comment.id, body: comment.body, author: sender.login, issueNumber: issue.number },
      place: {
        ownerType: repository.owner.type === "Organization" ? "Organization" : "User",
        // Internal repositories are `private: true` yet readable across the enterprise: only public counts as public.
        isPublic: repository.visibility === "public",
      },
    });
  };
}
