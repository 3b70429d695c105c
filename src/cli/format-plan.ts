/** The org plan as a table for people, or as JSON for tools; the Terraform export is format-terraform.ts. */
import { describeOrgAction, describeOrgPlan, type OrgAction } from "../reconcile/org-plan.js";
import type { Action } from "../reconcile/plan.js";
import { unreachable } from "../unreachable.js";
import type { OrganizationPlan, PlannedRepository } from "./plan-organization.js";

/** A terminal shows control characters as commands: a name or note can never move the cursor or recolour. */
const CONTROL = /\p{Cc}/gu;
const clean = (text: string) => text.replace(CONTROL, "\uFFFD");

export function renderTable(orgPlan: OrganizationPlan): string {
  const rows = orgPlan.repositories.map((r) => [
    r.repo.fullName,
    r.plan.state,
    r.plan.actions.map((a) => a.kind).join(", ") || "-",
    r.plan.notes[0] ?? "",
  ]);
  const header = ["REPOSITORY", "STATE", "ACTIONS", "NOTE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => clean(row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? clean(c) : clean(c).padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const counts = countStates(orgPlan.repositories);
  const withActions = orgPlan.repositories.filter((r) => r.plan.actions.length > 0).length;
  return [
    ...orgLines(orgPlan),
    line(header),
    ...rows.map(line),
    "",
    `${orgPlan.repositories.length} repositories in ${clean(orgPlan.org)}; ${withActions} with actions. ` +
      Object.entries(counts)
        .map(([state, n]) => `${state}: ${n}`)
        .join(", "),
    "",
  ].join("\n");
}

/** The org's own actions come first, as apply does them first; "nothing to do" says the integration was checked. */
function orgLines({ orgPlan }: OrganizationPlan): string[] {
  const actions = orgPlan.actions.map((a) => `ORG ACTION  ${clean(describeOrgAction(a))}`);
  return [...(actions.length ? actions : [`ORG         ${clean(describeOrgPlan(orgPlan))}`]), ""];
}

export function renderJson(orgPlan: OrganizationPlan): string {
  const document = {
    org: orgPlan.org,
    provider: orgPlan.policy.provider.name,
    ...(orgPlan.policy.projectKey && { projectKey: orgPlan.policy.projectKey }),
    integration: orgPlan.orgPlan.state,
    orgActions: orgPlan.orgPlan.actions.map(orgActionSummary),
    counts: countStates(orgPlan.repositories),
    repositories: orgPlan.repositories.map((r) => ({
      repository: r.repo.fullName,
      repositoryId: r.repo.id,
      ownerId: r.repo.ownerId,
      state: r.plan.state,
      inScope: r.plan.inScope,
      actions: r.plan.actions.map(actionSummary),
      notes: r.plan.notes,
      mapping: r.desired,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function countStates(repositories: readonly PlannedRepository[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of repositories) counts[r.plan.state] = (counts[r.plan.state] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b, "en")));
}

function orgActionSummary(action: OrgAction): Record<string, unknown> {
  switch (action.kind) {
    case "create-integration":
      return { kind: action.kind, integration: action.integration };
    default:
      return unreachable(action.kind);
  }
}

/** What each action would do, without the PR's rendered workflow and body (kilobytes each, and in the PR anyway). */
function actionSummary(action: Action): Record<string, unknown> {
  switch (action.kind) {
    case "create-mapping":
      return { kind: action.kind, mapping: action.mapping.name };
    case "update-mapping":
      return { kind: action.kind, mapping: action.mapping.name, changes: action.changes };
    case "delete-mapping":
      return { kind: action.kind, mapping: action.name };
    case "open-pull-request":
      return { kind: action.kind, branch: action.pr.branch, path: action.pr.path, title: action.pr.title };
    case "update-pull-request":
      return { kind: action.kind, number: action.number, branch: action.pr.branch, path: action.pr.path };
    case "close-pull-request":
      return { kind: action.kind, number: action.number, reason: action.reason };
    case "decorate-pull-request":
      return { kind: action.kind, number: action.number, ...action.decoration };
    case "record-opt-out":
    case "clear-opt-out":
      return { kind: action.kind };
    case "report-config-problems":
      return { kind: action.kind, severity: action.severity, problems: action.problems };
    default:
      return unreachable(action);
  }
}
