/**
 * The `status` reply, from one dry run of the reconcile path: what the app observed and what its plan says. Pure.
 * Describes only this repository and its own mapping; a same-named mapping the app does not own is mentioned,
 * never shown.
 */
import { formatProblem } from "../../config/config-problem.js";
import { bullets, code, details, table } from "../../github/markdown.js";
import { OPT_OUT_LABEL } from "../../github/opt-out-label.js";
import { isOwnedByApp, mappingName } from "../../reconcile/desired-mapping.js";
import type { ObservedOutcome } from "../../reconcile/reconcile-repository.js";
import { describeOrgAndPlan, differ, driftDetails, integrationText, plural } from "./describe-action.js";
import { auditDetails, auditRows, type StatusAudit } from "./status-audit.js";

/**
 * `operatorDryRun`: the app runs with DRY_RUN, so "the next run" would only log its plan. `audit`: the workflow
 * and JFrog-side audits of the repository (see execute/status-audit.ts).
 */
export function statusReport(outcome: ObservedOutcome, operatorDryRun: boolean, audit?: StatusAudit): string {
  const { plan, observed, policy, orgPlan } = outcome;
  const { repo, mapping, config } = observed;
  const name = mappingName(repo.ownerId, repo.id);
  const actions = plan.actions;
  const rows: string[][] = [
    ["Scope", scopeText(outcome)],
    [`Identity mapping ${code(name)}`, mappingText(outcome)],
  ];
  if (mapping && isOwnedByApp(mapping)) {
    const spec = mapping.token_spec ?? {};
    rows.push([
      "Token it yields",
      `scope ${code(spec.scope ?? "(none)")}, valid ${spec.expires_in ?? "(JFrog's default)"} s`,
    ]);
  }
  rows.push(["Workflow", workflowText(outcome)]);
  if (repo.disabledByCommand || (config.status === "ok" && config.optedOut))
    rows.push([
      "Opt-out",
      repo.disabledByCommand
        ? `disabled with \`/jfrog-oidc disable\` (label ${code(OPT_OUT_LABEL)})`
        : "`enabled: false` in this repository's `.github/jfrog-oidc.yml`",
    ]);
  rows.push(["JFrog integration", integrationText(orgPlan, policy.provider.audience)]);
  if (audit) rows.push(...auditRows(audit));

  const would = describeOrgAndPlan(orgPlan, actions);
  const problems = actions.flatMap((a) => (a.kind === "report-config-problems" ? a.problems : []));
  return [
    table(["what", "state"], rows),
    ...(problems.length
      ? [
          "",
          `**Problems in \`.github/jfrog-oidc.yml\`:**`,
          bullets(problems.map((p) => code(formatProblem(p)))),
        ]
      : []),
    ...driftDetails(actions),
    ...(audit ? auditDetails(audit) : []),
    "",
    would.length
      ? details(`The app's next run would do ${plural(would.length, "thing")}`, bullets(would))
      : "Nothing is pending: the app's next run would change nothing.",
    ...(operatorDryRun ? ["", "_The app runs with `DRY_RUN`: it writes nothing anywhere._"] : []),
  ].join("\n");
}

function scopeText({ plan, observed }: ObservedOutcome): string {
  if (observed.config.status === "invalid")
    return "⚠️ this repository's `.github/jfrog-oidc.yml` is invalid: nothing changes until it is fixed";
  if (plan.inScope) return "✅ in scope";
  const reason = plan.notes.find((n) => n.startsWith("out of scope: "))?.slice("out of scope: ".length);
  return `⛔ out of scope: ${reason ?? "see below"}`;
}

function mappingText({ plan, observed }: ObservedOutcome): string {
  const { mapping } = observed;
  if (!mapping) return plan.inScope ? "❌ missing: the next run creates it" : "none";
  if (!isOwnedByApp(mapping))
    return "⚠️ a mapping with this name exists that this app does not manage: left alone, and no PR is opened";
  const update = plan.actions.find((a) => a.kind === "update-mapping");
  if (update?.kind === "update-mapping")
    return `⚠️ present, but ${differ(update.changes.length)} from the org policy (below)`;
  if (plan.actions.some((a) => a.kind === "delete-mapping")) return "present: the next run deletes it";
  return "✅ present and as the org policy wants";
}

function workflowText({ observed, policy }: ObservedOutcome): string {
  const { repo } = observed;
  const path = code(policy.workflow.path);
  if (!repo.defaultBranch) return "⏳ the repository is empty: the onboarding PR waits for the first push";
  if (repo.workflowOnDefault !== null)
    return `✅ ${path} is on the default branch ${code(repo.defaultBranch.name)}`;
  const open = repo.pullRequests.find((p) => p.state === "OPEN");
  if (open) return `⏳ onboarding PR #${open.number} adds ${path} and is open`;
  const last = repo.pullRequests[0];
  if (last)
    return `🚫 onboarding PR #${last.number} was closed without ${path} reaching the default branch (declined): \`/jfrog-oidc sync\` opens it again`;
  return `❌ ${path} is not on the default branch and there is no onboarding PR`;
}
