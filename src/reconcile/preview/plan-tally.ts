/**
 * A policy preview's arithmetic: every repository's plan under the pull request's policy (head), beside its plan
 * under the policy as applied now (base), counted by what would happen. Totals count every repository; only the
 * first rows of each category are kept, so a preview of 10,000 repositories holds a few hundred rows at most.
 * PURE: the org preview and the repository preview feed it plans, the renderer prints it.
 */
import type { Action, Plan } from "../plan.js";

export const PREVIEW_CATEGORIES = [
  "mappings-created",
  "mappings-updated",
  "mappings-removed",
  "pull-requests-opened",
  "pull-requests-refreshed",
  "pull-requests-closed",
  "entering-scope",
  "leaving-scope",
  "blocked",
] as const;
export type PreviewCategory = (typeof PREVIEW_CATEGORIES)[number];

/** Categories that are actions of one plan (the others compare the two plans, or say where one stands). */
const ACTION_CATEGORY: Partial<Record<Action["kind"], PreviewCategory>> = {
  "create-mapping": "mappings-created",
  "update-mapping": "mappings-updated",
  "delete-mapping": "mappings-removed",
  "open-pull-request": "pull-requests-opened",
  "update-pull-request": "pull-requests-refreshed",
  "decorate-pull-request": "pull-requests-refreshed",
  "close-pull-request": "pull-requests-closed",
};

export interface PreviewRow {
  repository: string;
  /** What exactly, in plain text (the renderer quotes it). */
  detail: string;
}

export interface CategoryTally {
  /** Under the pull request's policy. */
  total: number;
  /** The same count under the base's policy (0 when the base has no valid policy). */
  baseTotal: number;
  rows: PreviewRow[];
}

export type Tally = Record<PreviewCategory, CategoryTally>;

/**
 * What the tally needs of a base plan: a few words, not the plan (whose PR specs carry a rendered workflow and
 * body each), so an org preview can hold 10,000 of them while it observes the org again for the head.
 */
export interface PlanSummary {
  inScope: boolean;
  /** Where it stands, as its first note says it (or its state). */
  standing: string;
  categories: PreviewCategory[];
}

export function summarizePlan(plan: Plan): PlanSummary {
  return {
    inScope: plan.inScope,
    standing: plan.notes[0] ?? plan.state,
    categories: categoriesOf(plan).map(([category]) => category),
  };
}

export class PlanTally {
  readonly tally: Tally;
  repositories = 0;

  constructor(private readonly rowLimit: number) {
    this.tally = Object.fromEntries(
      PREVIEW_CATEGORIES.map((c) => [c, { total: 0, baseTotal: 0, rows: [] }]),
    ) as unknown as Tally;
  }

  /**
   * One repository: its plan with the PR's policy, and a summary of its plan with the base's (null: the base has
   * no valid policy, or the repository was not there when the base was planned).
   */
  add(head: Plan, base: PlanSummary | null): void {
    this.repositories++;
    for (const [category, detail] of categoriesOf(head)) this.#count(category, head.repository, detail);
    if (base) for (const category of base.categories) this.tally[category].baseTotal++;
    const wasInScope = base?.inScope ?? false;
    if (head.inScope && !wasInScope)
      this.#count("entering-scope", head.repository, base ? base.standing : "no valid policy applies now");
    if (!head.inScope && wasInScope)
      this.#count("leaving-scope", head.repository, head.notes[0] ?? head.state);
  }

  #count(category: PreviewCategory, repository: string, detail: string): void {
    const entry = this.tally[category];
    entry.total++;
    if (entry.rows.length < this.rowLimit) entry.rows.push({ repository, detail });
  }
}

/** The categories one plan counts in, each once per repository, with what to say about it. */
function categoriesOf(plan: Plan): Array<[PreviewCategory, string]> {
  const found = new Map<PreviewCategory, string>();
  for (const action of plan.actions) {
    const category = ACTION_CATEGORY[action.kind];
    if (category && !found.has(category)) found.set(category, describe(action));
  }
  if (plan.state === "blocked") found.set("blocked", plan.notes[0] ?? "needs a person");
  return [...found];
}

function describe(action: Action): string {
  switch (action.kind) {
    case "create-mapping":
      return `mapping ${action.mapping.name}`;
    case "update-mapping":
      return `mapping ${action.mapping.name}: ${action.changes.join("; ")}`;
    case "delete-mapping":
      return `mapping ${action.name}`;
    case "open-pull-request":
      return `${action.pr.path} on ${action.pr.base.name}`;
    case "update-pull-request":
      return `#${action.number}: new workflow content`;
    case "decorate-pull-request":
      return `#${action.number}: labels or reviewers`;
    case "close-pull-request":
      return `#${action.number}: ${action.reason}`;
    default:
      return action.kind;
  }
}
