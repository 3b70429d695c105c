/**
 * How many GitHub content writes applying a plan makes, so a job can reserve them all before its first write (and
 * before the JFrog mapping: no repository sits with a mapping and no PR while its PR waits for budget). Mirrors
 * github/onboarding-pull-request.ts, opt-out-label.ts and config-check-run.ts; an undercount is still safe (each
 * extra write reserves one more), an overcount only spends budget early.
 */
import type { Action, Plan } from "../reconcile/plan.js";
import { unreachable } from "../unreachable.js";

export function countWrites(plan: Pick<Plan, "actions">, hasHeadSha: boolean): number {
  return plan.actions.reduce((sum, action) => sum + writesOf(action, hasHeadSha), 0);
}

function writesOf(action: Action, hasHeadSha: boolean): number {
  switch (action.kind) {
    case "create-mapping":
    case "update-mapping":
    case "delete-mapping":
      return 0;
    case "open-pull-request": {
      const { pr } = action;
      const branch = pr.branchOid ? 0 : 1;
      const commit = pr.branchUpToDate ? 0 : 1;
      return branch + commit + 1 + decorations(pr);
    }
    case "update-pull-request":
      return 2; // commit + PR body
    case "close-pull-request":
      return 2; // comment + close
    case "decorate-pull-request":
      return decorations(action.decoration);
    case "record-opt-out":
    case "clear-opt-out":
      return 1;
    case "report-config-problems":
      return hasHeadSha ? 1 : 0;
    default:
      return unreachable(action);
  }
}

function decorations(d: { labels: string[]; reviewers: string[]; teamReviewers: string[] }): number {
  return (d.labels.length > 0 ? 1 : 0) + (d.reviewers.length > 0 || d.teamReviewers.length > 0 ? 1 : 0);
}
