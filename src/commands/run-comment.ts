/**
 * One comment's commands, as one queue job:
 *   1. decide who may run what (GitHub reads only: a duplicate delivery has changed nothing yet)
 *   2. claim the comment with the app's reaction, the dedupe marker (see access/claim-comment.ts)
 *   3. run the commands in order, one reply each; a command that fails gets a failure reply, the rest still run
 */

import { type Access, Authorizer, type Decision } from "../github/authorize.js";
import { Deferral } from "../rollout/deferral.js";
import { claimComment } from "./access/claim-comment.js";
import { commandSpec } from "./catalog.js";
import type { CommandContext } from "./command-context.js";
import { problemHelp, runHelp } from "./execute/help.js";
import { runRolloutPause, runRolloutResume, runRolloutStart } from "./execute/rollout-control.js";
import { runRolloutStatus } from "./execute/rollout-status.js";
import { runPlan, runStatus } from "./execute/status.js";
import { DISABLE_OPTIONS, runWrite, SETUP_OPTIONS, SYNC_OPTIONS } from "./execute/sync.js";
import { runVerify } from "./execute/verify.js";
import { MAX_COMMANDS, type ParsedCommand, type ParsedComment } from "./parse/parse-comment.js";
import { describeFailure, failureReply } from "./render/failure.js";
import { answeredCommands, postReply, replyBody } from "./reply.js";

/** A claimed comment whose earlier replies cannot be told apart yet (own login unread) is looked at again this soon. */
export const OWN_LOGIN_RETRY_MS = 60_000;

export interface CommentJob {
  context: Omit<CommandContext, "authorizer">;
  commenter: string;
  /** The app's own bot login: only its replies count as answers (undefined when `GET /app` could not be read). */
  ownBotLogin: () => Promise<string | undefined>;
  now: () => number;
  commentId: number;
  issueNumber: number;
  parsed: ParsedComment;
}

export async function runCommentCommands(job: CommentJob): Promise<void> {
  const { parsed } = job;
  const { place, log } = job.context;
  const ctx: CommandContext = {
    ...job.context,
    authorizer: new Authorizer(job.context.octokit, place, job.commenter),
  };
  const repo = { owner: place.owner, repo: place.repo };

  // 1. Who may run what
  const decided: Array<{ command: ParsedCommand; decision: Decision }> = [];
  for (const command of parsed.commands)
    decided.push({
      command,
      decision: await decide(ctx, command.ok ? commandSpec(command.name).access : "anyone"),
    });

  // 2. Claim the comment. Already claimed: a duplicate delivery, or this very job run again after its process
  // died between the claim and the replies (Redis mode keeps it). Jobs of one repository never run at once, so
  // whatever is still unanswered now is answered by nobody else.
  const accepted = decided.some(({ decision }) => decision.allowed);
  const where = { ...repo, issueNumber: job.issueNumber };
  let answered = new Set<number>();
  if (!(await claimComment(ctx.octokit, repo, job.commentId, accepted ? "eyes" : "confused"))) {
    // Only the app's own replies count: another bot (any Actions workflow can post as one) pasting the marker
    // must not silence a command. Who the app is cannot be read: wait and look again rather than guess.
    const own = await job.ownBotLogin();
    if (!own)
      throw new Deferral(
        job.now() + OWN_LOGIN_RETRY_MS,
        "the app's own bot login could not be read (GET /app) to find its earlier replies",
      );
    answered = await answeredCommands(ctx.octokit, where, job.commentId, own);
    if (answered.size >= decided.length) {
      log.info("comment already carries the app's reaction and its replies: a duplicate delivery, ignored");
      return;
    }
    log.warn(
      { answered: answered.size, commands: decided.length },
      "comment claimed earlier but not answered (the app stopped in between): answering now",
    );
  }

  // 3. Run, reply
  const total = decided.length;
  for (const [i, { command, decision }] of decided.entries()) {
    if (answered.has(i + 1)) continue;
    log.info({ command: command.ok ? command.name : null, allowed: decision.allowed }, "slash-command");
    let body = decision.allowed ? await execute(ctx, command) : `🔒 **Not allowed:** ${decision.reason}`;
    if (i === total - 1 && parsed.dropped > 0)
      body += `\n\n_${parsed.dropped} more command(s) in the comment were not run: at most ${MAX_COMMANDS} per comment._`;
    await postReply(
      ctx.octokit,
      where,
      replyBody({ commentId: job.commentId, index: i + 1, total, command, body }),
    );
  }
}

/** A permission lookup that fails is a refusal that says so: the commenter still gets an answer. */
async function decide(ctx: CommandContext, access: Access): Promise<Decision> {
  try {
    return await ctx.authorizer.check(access);
  } catch (error) {
    ctx.log.warn({ err: error, access }, "could not check the commenter's permission");
    return {
      allowed: false,
      reason: `the app could not check your permission (${describeFailure(error).what}); try again in a few minutes.`,
    };
  }
}

async function execute(ctx: CommandContext, command: ParsedCommand): Promise<string> {
  if (!command.ok) return problemHelp(command.name, command.problem);
  try {
    switch (command.name) {
      case "help":
        return await runHelp(ctx);
      case "status":
        return await runStatus(ctx);
      case "plan":
        return await runPlan(ctx);
      case "sync":
        return await runWrite(ctx, SYNC_OPTIONS);
      case "setup":
        return await runWrite(ctx, SETUP_OPTIONS);
      case "disable":
        return await runWrite(ctx, DISABLE_OPTIONS);
      case "verify":
        return await runVerify(ctx, command.options);
      case "rollout status":
        return await runRolloutStatus(ctx);
      case "rollout":
        return await runRolloutStart(ctx);
      case "rollout pause":
        return await runRolloutPause(ctx);
      case "rollout resume":
        return await runRolloutResume(ctx);
    }
  } catch (error) {
    ctx.log.error({ err: error, command: command.name }, "command failed");
    return failureReply({ error, deliveryId: ctx.deliveryId, done: [], finishesOnItsOwn: false });
  }
}
