/**
 * `sync`, `setup` and `disable`: the reconcile path, applied now, with what the maintainer asked for threaded to the
 * planner. The reply lists what was done, also when a later step failed.
 *   sync     reopens a declined onboarding PR; respects a recorded opt-out
 *   setup    the same, and lifts a recorded opt-out
 *   disable  records the opt-out first, then removes the app's mapping and closes the onboarding PR
 */

import { bullets, code } from "../../github/markdown.js";
import type { Action } from "../../reconcile/plan.js";
import type { ObservedOutcome, ReconcileOptions } from "../../reconcile/reconcile-repository.js";
import type { CommandContext } from "../command-context.js";
import {
  describeAction,
  describeOrgAction,
  describeOrgAndPlan,
  planDetails,
} from "../render/describe-action.js";
import { failureReply } from "../render/failure.js";
import { type ForCommand, reconcileForCommand } from "./reconcile-outcome.js";

export const SYNC_OPTIONS: ReconcileOptions = { reopenDeclined: true };
export const SETUP_OPTIONS: ReconcileOptions = { reopenDeclined: true, optOut: "clear" };
export const DISABLE_OPTIONS: ReconcileOptions = { optOut: "record" };

export async function runWrite(ctx: CommandContext, options: ReconcileOptions): Promise<string> {
  const done: Action[] = [];
  let result: ForCommand;
  try {
    result = await reconcileForCommand(ctx, { ...options, onApplied: (action) => done.push(action) });
  } catch (error) {
    ctx.log.error({ err: error, done: done.map((a) => a.kind) }, "command failed");
    // Once the opt-out is recorded, any regular run finishes a `disable`: let the queue retry one with back-off.
    // (A regular run would not reopen a declined PR or lift an opt-out, so `sync` and `setup` are asked again.)
    const finishesItself = done.some((a) => a.kind === "record-opt-out");
    if (finishesItself) ctx.retryInBackground("finish /jfrog-oidc disable");
    return failureReply({
      error,
      deliveryId: ctx.deliveryId,
      done: done.map(describeAction),
      finishesOnItsOwn: finishesItself,
    });
  }
  return result.ok ? writeReply(result.outcome, done, options) : result.reply;
}

function writeReply(outcome: ObservedOutcome, done: readonly Action[], options: ReconcileOptions): string {
  const { plan, orgPlan } = outcome;
  const would = describeOrgAndPlan(orgPlan, plan.actions);
  // A real run applied the org's actions before any of the repository's (a failure there reaches no reply).
  const applied = [...orgPlan.actions.map(describeOrgAction), ...done.map(describeAction)];
  const head = outcome.dryRun
    ? would.length
      ? `The app runs with \`DRY_RUN\`: nothing was written. It would:\n\n${bullets(would)}`
      : "The app runs with `DRY_RUN`, and nothing needed to change anyway."
    : applied.length
      ? `Done:\n\n${bullets(applied.map((a) => `✅ ${a}`))}`
      : "Nothing needed to change.";
  return [
    head,
    ...planDetails(plan),
    ...(options.optOut === "record" ? ["", disabledNote(outcome)] : []),
  ].join("\n");
}

function disabledNote({ observed, policy }: ObservedOutcome): string {
  const stays =
    observed.repo.workflowOnDefault !== null
      ? ` ${code(policy.workflow.path)} stays on the default branch: without the mapping its JFrog sign-in now fails, so delete it or re-enable.`
      : "";
  return `Nothing is re-created until someone comments \`/jfrog-oidc setup\`.${stays}`;
}
