/** `status` and `plan`: dry runs of the reconcile path (nothing written), rendered for a person. */

import { bullets } from "../../github/markdown.js";
import type { CommandContext } from "../command-context.js";
import { describeOrgAndPlan, planDetails } from "../render/describe-action.js";
import { statusReport } from "../render/status-report.js";
import { reconcileForCommand } from "./reconcile-outcome.js";
import { auditForStatus } from "./status-audit.js";
import { SYNC_OPTIONS } from "./sync.js";

export async function runStatus(ctx: CommandContext): Promise<string> {
  const result = await reconcileForCommand(ctx, { dryRun: true });
  if (!result.ok) return result.reply;
  return statusReport(result.outcome, ctx.reconcile.dryRun, await auditForStatus(ctx, result.outcome));
}

/** What `sync` would do: the same plan options as `sync`, as a dry run. */
export async function runPlan(ctx: CommandContext): Promise<string> {
  const result = await reconcileForCommand(ctx, { ...SYNC_OPTIONS, dryRun: true });
  if (!result.ok) return result.reply;
  const { plan, orgPlan } = result.outcome;
  const would = describeOrgAndPlan(orgPlan, plan.actions);
  return [
    would.length
      ? `\`/jfrog-oidc sync\` would, in this order:\n\n${bullets(would)}`
      : "`/jfrog-oidc sync` would change nothing.",
    ...planDetails(plan),
  ].join("\n");
}
