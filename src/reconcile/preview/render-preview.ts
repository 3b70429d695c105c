/**
 * A policy preview as a check run's output: the totals in the summary (every repository counted), the first rows of
 * each category in the text, the config problems as annotations on their lines. Everything that came from a file,
 * a repository name or JFrog goes through `code`/`boundedCode` (github/markdown.ts). Rows are bounded so the text
 * stays under GitHub's 65,535 characters however large the organization: 9 categories × ROWS × ROW_MAX_CHARS.
 */
import { type ConfigProblem, formatProblem } from "../../config/config-problem.js";
import type { Annotation } from "../../github/check-annotation.js";
import { boundedCode, bullets, code, table } from "../../github/markdown.js";
import type { PreviewCheckReport } from "../../github/preview-check-run.js";
import { PREVIEW_CATEGORIES, type PreviewCategory, type Tally } from "./plan-tally.js";

/** The first rows kept of each category. */
export const PREVIEW_ROWS = 20;
const ROW_MAX_CHARS = 160;
const MAX_LISTED_PROBLEMS = 50;

const LABEL: Record<PreviewCategory, string> = {
  "mappings-created": "Mappings to create",
  "mappings-updated": "Mappings to update",
  "mappings-removed": "Mappings to remove",
  "pull-requests-opened": "Onboarding PRs to open",
  "pull-requests-refreshed": "Onboarding PRs to refresh",
  "pull-requests-closed": "Onboarding PRs to close",
  "entering-scope": "Repositories entering scope",
  "leaving-scope": "Repositories leaving scope",
  blocked: "Repositories blocked (need a person)",
};
/** Compared between the two plans already: no base column of their own. */
const COMPARISONS = new Set<PreviewCategory>(["entering-scope", "leaving-scope"]);

export interface PlanPreview {
  /** What was planned, in markdown: "every repository of `acme`", "`acme/app`". */
  subject: string;
  repositories: number;
  tally: Tally;
  /** The base has a valid policy to compare with. */
  hasBase: boolean;
  /** Plain-text facts worth knowing beside the numbers (consent, integration). */
  notes: string[];
  /** Problems of the changed file (a repository's refused fields): annotated, and the run is neutral. */
  annotations: Annotation[];
  problems: ConfigProblem[];
}

export function planReport(preview: PlanPreview): PreviewCheckReport {
  const { tally } = preview;
  const t = (c: PreviewCategory) => tally[c].total;
  const title =
    `${preview.repositories} ${preview.repositories === 1 ? "repository" : "repositories"}: ` +
    `${t("entering-scope")} entering scope, ${t("leaving-scope")} leaving; ` +
    `mappings +${t("mappings-created")} ~${t("mappings-updated")} -${t("mappings-removed")}; ` +
    `PRs +${t("pull-requests-opened")} ~${t("pull-requests-refreshed")} -${t("pull-requests-closed")}`;
  const rows = PREVIEW_CATEGORIES.map((c) => {
    const { total, baseTotal } = tally[c];
    if (COMPARISONS.has(c)) return [LABEL[c], String(total), "", ""];
    const base = preview.hasBase ? String(baseTotal) : "-";
    const change = total - (preview.hasBase ? baseTotal : 0);
    return [LABEL[c], String(total), base, change > 0 ? `+${change}` : String(change)];
  });
  const summary = [
    `Dry run of ${preview.subject} with the policy of this pull request: nothing was written. ` +
      "This is what the app would do once it is merged; **Base** is the plan under the policy applied now" +
      (preview.hasBase ? "." : " (none is valid now, so everything counts as new)."),
    "",
    table(["", "With this PR", "Base", "Change"], rows),
    ...(preview.notes.length ? ["", bullets(preview.notes.map((n) => boundedCode(n, 1000)))] : []),
    ...problemList("Refused in the changed file (the org value applies):", preview.problems),
  ].join("\n");
  return {
    conclusion: preview.problems.length > 0 ? "neutral" : "success",
    title,
    summary,
    text: rowsText(tally),
    annotations: preview.annotations,
  };
}

/** An invalid file: nothing to plan with; every problem listed, and annotated where it is written. */
export function invalidReport(
  title: string,
  consequence: string,
  problems: readonly ConfigProblem[],
  annotations: Annotation[],
): PreviewCheckReport {
  return {
    conclusion: "failure",
    title,
    summary: [consequence, ...problemList("Problems:", problems)].join("\n"),
    text: "",
    annotations,
  };
}

/** A report with nothing to count (no policy in the PR, or none to compare with), said plainly. */
export function noticeReport(conclusion: PreviewCheckReport["conclusion"], title: string, summary: string) {
  return { conclusion, title, summary, text: "", annotations: [] } satisfies PreviewCheckReport;
}

function rowsText(tally: Tally): string {
  const sections = PREVIEW_CATEGORIES.filter((c) => tally[c].total > 0).map((c) => {
    const { total, rows } = tally[c];
    const shown = rows.length < total ? ` (the first ${rows.length})` : "";
    const lines = rows.map((r) => `${code(r.repository)}: ${boundedCode(r.detail, ROW_MAX_CHARS)}`);
    return [`### ${LABEL[c]}: ${total}${shown}`, "", bullets(lines)].join("\n");
  });
  return sections.length ? sections.join("\n\n") : "Nothing would change.";
}

function problemList(heading: string, problems: readonly ConfigProblem[]): string[] {
  if (problems.length === 0) return [];
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => boundedCode(formatProblem(p), 1000));
  const more =
    problems.length > MAX_LISTED_PROBLEMS ? [`… and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
  return ["", heading, bullets(lines), ...more];
}
