/**
 * One reply comment per command. A hidden marker names the comment and command it answers, so a person (or a
 * later tool) can trace a reply back; the reply is capped well under GitHub's comment limit.
 */
import type { ProbotOctokit } from "probot";
import { code } from "../github/markdown.js";
import { COMMAND_PREFIX } from "./catalog.js";
import type { ParsedCommand } from "./parse/parse-comment.js";
import { truncateReply } from "./render/truncate.js";

export const REPLY_MARKER = "jfrog-oidc-rollout:reply";

export interface Reply {
  commentId: number;
  /** 1-based position of the command in its comment, and how many the comment had. */
  index: number;
  total: number;
  command: ParsedCommand;
  body: string;
}

export function replyBody(reply: Reply): string {
  return truncateReply(
    [
      `<!-- ${REPLY_MARKER} comment=${reply.commentId} command=${reply.index}/${reply.total} -->`,
      `#### ${code(echo(reply.command))}`,
      "",
      reply.body,
    ].join("\n"),
  );
}

/** The command as understood (normalized values only; a command that did not parse echoes just its name). */
function echo(command: ParsedCommand): string {
  if (!command.ok) return `${COMMAND_PREFIX} ${command.name ?? "…"}`;
  const options = Object.entries(command.options).map(([k, v]) =>
    /\s/.test(v) ? `${k}="${v}"` : `${k}=${v}`,
  );
  return [COMMAND_PREFIX, command.name, ...options].join(" ");
}

export async function postReply(
  octokit: ProbotOctokit,
  where: { owner: string; repo: string; issueNumber: number },
  body: string,
): Promise<void> {
  await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    body,
  });
}

/**
 * Which commands of a comment the app has answered already (their 1-based indexes), from the markers of its own
 * replies on the issue. Only a comment by the app's own bot account (`ownLogin`, `<slug>[bot]`) counts: neither
 * a person nor another bot (an Actions workflow posts as `github-actions[bot]`) can silence an answer by pasting
 * the marker.
 */
export async function answeredCommands(
  octokit: ProbotOctokit,
  where: { owner: string; repo: string; issueNumber: number },
  commentId: number,
  ownLogin: string,
): Promise<Set<number>> {
  const comments = await octokit.paginate("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
    owner: where.owner,
    repo: where.repo,
    issue_number: where.issueNumber,
    per_page: 100,
  });
  const marker = new RegExp(`^<!-- ${REPLY_MARKER} comment=${commentId} command=(\\d+)/\\d+ -->`);
  const answered = new Set<number>();
  for (const comment of comments) {
    if (comment.user?.type !== "Bot" || comment.user.login !== ownLogin) continue;
    const index = marker.exec(comment.body ?? "")?.[1];
    if (index) answered.add(Number(index));
  }
  return answered;
}
