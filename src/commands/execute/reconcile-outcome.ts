/** Runs the one reconcile path for a command and turns "the app does nothing here" into a reply. */
import {
  type ObservedOutcome,
  type ReconcileOptions,
  reconcileRepository,
  type SkipReason,
} from "../../reconcile/reconcile-repository.js";
import { unreachable } from "../../unreachable.js";
import type { CommandContext } from "../command-context.js";

/** A command is always about a repository that exists: its reply describes an observed outcome, or says why not. */
export type ForCommand = { ok: true; outcome: ObservedOutcome } | { ok: false; reply: string };

export async function reconcileForCommand(
  ctx: CommandContext,
  options: ReconcileOptions,
): Promise<ForCommand> {
  const outcome = await reconcileRepository({ ...ctx.reconcile, log: ctx.log }, ctx.target, options);
  if (outcome.status === "skipped")
    return {
      ok: false,
      reply: `ℹ️ The app does nothing in this repository right now: ${skipText(outcome)}.`,
    };
  const { observed } = outcome;
  if (!observed)
    return { ok: false, reply: "ℹ️ GitHub no longer shows this repository where the comment was made." };
  return { ok: true, outcome: { ...outcome, observed } };
}

/** Gate reasons name only the org's own policy file and integration check, never their contents. */
function skipText(skip: SkipReason): string {
  switch (skip.why) {
    case "no-policy":
      return `${skip.reason} (an org owner adds it to the organization's \`.github\` repository to enable the app)`;
    case "invalid-policy":
    case "integration-mismatch":
      return `${skip.reason} (an org owner finds the details on the policy file's \`jfrog-oidc config\` check run in the organization's \`.github\` repository, or in the app's log)`;
    case "kept-on-uninstall":
    case "repository-gone":
      return skip.reason;
    default:
      return unreachable(skip);
  }
}
