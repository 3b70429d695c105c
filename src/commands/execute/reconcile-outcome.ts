/** Runs the one reconcile path for a command and turns "the app does nothing here" into a reply. */
import {
  type ReconcileOptions,
  type ReconcileOutcome,
  reconcileRepository,
} from "../../reconcile/reconcile-repository.js";
import type { CommandContext } from "../command-context.js";

type PlannedOutcome = Extract<ReconcileOutcome, { status: "planned" }>;

/** A planned outcome that observed the repository (a command is always about one that exists). */
export type Planned = PlannedOutcome & { observed: NonNullable<PlannedOutcome["observed"]> };

export type ForCommand = { ok: true; outcome: Planned } | { ok: false; reply: string };

export async function reconcileForCommand(
  ctx: CommandContext,
  options: ReconcileOptions,
): Promise<ForCommand> {
  const outcome = await reconcileRepository({ ...ctx.reconcile, log: ctx.log }, ctx.target, options);
  if (outcome.status === "skipped")
    return {
      ok: false,
      reply: `ℹ️ The app does nothing in this repository right now: ${skipText(outcome.reason)}.`,
    };
  const { observed } = outcome;
  if (!observed)
    return { ok: false, reply: "ℹ️ GitHub no longer shows this repository where the comment was made." };
  return { ok: true, outcome: { ...outcome, observed } };
}

/** Gate reasons name only the org's own policy file and integration check, never their contents. */
function skipText(reason: string): string {
  if (reason.startsWith("no policy"))
    return `${reason} (an org owner adds it to the organization's \`.github\` repository to enable the app)`;
  if (reason.includes("policy"))
    return `${reason} (an org owner finds the details on the policy file's \`jfrog-oidc config\` check run in the organization's \`.github\` repository, or in the app's log)`;
  return reason;
}
