/**
 * `rollout`, `rollout pause`, `rollout resume` (org owners, in the org's `.github` repository). Consent and pause
 * are labels of the `.github` repository (see rollout/consent.ts): durable, seen by every replica, visible and
 * revocable by admins. `rollout` and `resume` queue an org scan at once; the budget paces what it finds.
 */
import { code } from "../../github/markdown.js";
import { CONSENT_LABEL, clearRolloutLabel, PAUSED_LABEL, setRolloutLabel } from "../../rollout/consent.js";
import type { CommandContext } from "../command-context.js";

export async function runRolloutStart(ctx: CommandContext): Promise<string> {
  const org = ctx.place.owner;
  await setRolloutLabel(ctx.octokit, org, CONSENT_LABEL);
  await queueScan(ctx, "an org owner started the rollout");
  return [
    `🚀 Rollout started for the existing repositories of ${code(org)}.`,
    "",
    "Each in-scope repository gets its JFrog identity mapping and one onboarding PR, paced by GitHub's content " +
      "budget for this app (about 500 writes an hour, shared with new repositories and commands, which go first).",
    `Your consent is kept as the label ${code(CONSENT_LABEL)} of this repository; delete it to withdraw. ` +
      "`/jfrog-oidc rollout pause` stops the rollout, `/jfrog-oidc rollout status` shows where it stands.",
  ].join("\n");
}

export async function runRolloutPause(ctx: CommandContext): Promise<string> {
  const org = ctx.place.owner;
  await setRolloutLabel(ctx.octokit, org, PAUSED_LABEL);
  ctx.rollout.state.set(org, true);
  return [
    `⏸️ Rollout paused for ${code(org)}: no further existing repository is onboarded until \`/jfrog-oidc rollout resume\`.`,
    "New repositories and slash-commands are still handled.",
  ].join("\n");
}

export async function runRolloutResume(ctx: CommandContext): Promise<string> {
  const org = ctx.place.owner;
  await clearRolloutLabel(ctx.octokit, org, PAUSED_LABEL);
  ctx.rollout.state.set(org, false);
  await queueScan(ctx, "an org owner resumed the rollout");
  return `▶️ Rollout resumed for ${code(org)}: the organization is scanned again and the remaining repositories are queued.`;
}

async function queueScan(ctx: CommandContext, reason: string): Promise<void> {
  await ctx.rollout.queue.add({
    kind: "org-scan",
    installationId: ctx.rollout.installationId,
    org: ctx.place.owner,
    reason,
    priority: "event",
    ...(ctx.deliveryId && { deliveryId: ctx.deliveryId }),
  });
}
