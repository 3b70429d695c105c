/**
 * The dedupe marker for a comment is the app's own reaction on it. GitHub answers `201` when a reaction is new and
 * `200` when this app had already left it (https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment),
 * so creating the reaction is an atomic "first one wins" that lives on GitHub: it survives restarts, and two
 * replicas (or a redelivery) racing on the same comment cannot both get `201`.
 *
 * `eyes` says the app accepted a command; `confused` says it refused them all (a refusal is answered once too).
 * The price of "at most once": if the app dies after the reaction and before replying, that comment stays
 * unanswered, and the 👀 without a reply tells its author to ask again.
 */
import type { ProbotOctokit } from "probot";

export type ClaimReaction = "eyes" | "confused";

export async function claimComment(
  octokit: ProbotOctokit,
  repo: { owner: string; repo: string },
  commentId: number,
  content: ClaimReaction,
): Promise<boolean> {
  const { status } = await octokit.request(
    "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    { ...repo, comment_id: commentId, content },
  );
  return status === 201;
}
