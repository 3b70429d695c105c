/** Plan actions in words, for `plan`, `status` and what `sync`, `setup` and `disable` did. */

import { bullets, code, details } from "../../github/markdown.js";
import { OPT_OUT_LABEL } from "../../github/opt-out-label.js";
import { inApplyOrder } from "../../reconcile/apply.js";
import type { OrgAction, OrgPlan } from "../../reconcile/org-plan.js";
import type { Action, Plan } from "../../reconcile/plan.js";
import { unreachable } from "../../unreachable.js";

/** What a plan would do, in the order apply would do it. */
export function describePlan(actions: readonly Action[]): string[] {
  return inApplyOrder(actions).map(describeAction);
}

/** The org's actions first (apply does them before any repository's), then the repository's. */
export function describeOrgAndPlan(orgPlan: OrgPlan, actions: readonly Action[]): string[] {
  return [...orgPlan.actions.map(describeOrgAction), ...describePlan(actions)];
}

export function describeOrgAction(action: OrgAction): string {
  switch (action.kind) {
    case "create-integration": {
      const { name, issuer_url, audience } = action.integration;
      return `create the org's JFrog OIDC integration ${code(name)} (issuer ${code(issuer_url)}, audience ${code(audience ?? "")})`;
    }
    default:
      return unreachable(action.kind);
  }
}

/** The org plan's integration, for a reply's table (the problems of a refused one are the gate's to report). */
export function integrationText(orgPlan: OrgPlan, audience: string): string {
  const name = code(orgPlan.provider);
  switch (orgPlan.state) {
    case "integration-matches":
      return `✅ ${name} (audience ${code(audience)}) exists and matches the org policy`;
    case "create-integration":
      return `➕ ${name} does not exist yet: the app's next run creates it (\`provider.manage: create\`)`;
    case "refused":
      return `⛔ ${name} differs from the org policy: nothing is written until it is fixed`;
    default:
      return unreachable(orgPlan);
  }
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case "create-mapping":
      return `create the JFrog identity mapping ${code(action.mapping.name)}`;
    case "update-mapping":
      return `correct the JFrog identity mapping ${code(action.mapping.name)} (${differ(action.changes.length)} from the org policy)`;
    case "delete-mapping":
      return `delete this app's JFrog identity mapping ${code(action.name)}`;
    case "open-pull-request":
      return `open the onboarding PR adding ${code(action.pr.path)} (branch ${code(action.pr.branch)})`;
    case "update-pull-request":
      return `update onboarding PR #${action.number} (its workflow differs from what the policy renders)`;
    case "close-pull-request":
      return `close onboarding PR #${action.number}`;
    case "decorate-pull-request": {
      const { labels, reviewers, teamReviewers } = action.decoration;
      const asks = [...reviewers, ...teamReviewers.map((t) => `team ${t}`)];
      const parts = [
        ...(labels.length ? [`label it ${labels.map(code).join(", ")}`] : []),
        ...(asks.length ? [`ask ${asks.map(code).join(", ")} to review`] : []),
      ];
      return `on onboarding PR #${action.number}: ${parts.join("; ")}`;
    }
    case "record-opt-out":
      return `record the opt-out (repository label ${code(OPT_OUT_LABEL)})`;
    case "clear-opt-out":
      return `lift the opt-out (remove the repository label ${code(OPT_OUT_LABEL)})`;
    case "report-config-problems":
      if (action.severity === "unrenderable")
        return "report on a check run why the workflow cannot be generated";
      return action.severity === "invalid"
        ? `report ${plural(action.problems.length, "problem")} in \`.github/jfrog-oidc.yml\` on a check run`
        : `report ${plural(action.problems.length, "refused setting")} of \`.github/jfrog-oidc.yml\` on a check run`;
    default:
      return unreachable(action);
  }
}

/** Field-by-field drift of a mapping update, collapsed (one line per field), each after a blank line. */
export function driftDetails(actions: readonly Action[]): string[] {
  return actions.flatMap((a) =>
    a.kind === "update-mapping"
      ? ["", details(`How ${code(a.mapping.name)} differs from the policy`, bullets(a.changes.map(code)))]
      : [],
  );
}

/** What follows a list of a plan's actions in a reply: the drift, then the planner's notes. */
export function planDetails(plan: Plan): string[] {
  return [...driftDetails(plan.actions), ...(plan.notes.length ? ["", bullets(plan.notes)] : [])];
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "1 field differs", "2 fields differ". */
export function differ(count: number): string {
  return `${plural(count, "field")} ${count === 1 ? "differs" : "differ"}`;
}
