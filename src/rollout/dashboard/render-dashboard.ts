/**
 * The dashboard issue's body (markdown), PURE. Every string that came from outside the app (repository names,
 * error messages, plan notes quoting a pattern or a mapping name) goes through `code()`, so nothing in it renders
 * as markup, a link or a mention. It stays under GitHub's 65,536-character issue body limit for any number of
 * repositories: rows stop when the next would not fit, and a line says how many more there are.
 */
import { code, table } from "../../github/markdown.js";
import { fullName } from "../job.js";
import { count, duration, utcMinute } from "./format.js";
import { auditBlocks } from "./render-audit.js";
import { canRetry, DASHBOARD_MARKER, retryRow } from "./retry-checkboxes.js";
import type { AttentionRow, RolloutState, RolloutSummary } from "./summary.js";

/** GitHub refuses a longer issue body (https://github.com/orgs/community/discussions/27190). */
export const ISSUE_BODY_LIMIT = 65_536;
/** Kept free for the closing lines (the "more not shown" line and the footer). */
const CLOSING_RESERVE = 1_000;

export const STATE_LABELS: Record<RolloutState, string> = {
  onboarded: "Onboarded (workflow on the default branch)",
  "pull-request-open": "Onboarding PR open",
  "waiting-first-push": "Waiting for a first push (empty)",
  declined: "Declined (PR closed unmerged)",
  "opted-out": "Opted out",
  excluded: "Excluded by the org policy",
  failing: "Failing (given up; retried by the next sweep)",
  blocked: "Blocked (needs a person)",
  pending: "Pending",
};

export function renderDashboard(summary: RolloutSummary): string {
  const head = [
    DASHBOARD_MARKER,
    `## JFrog OIDC rollout in ${code(summary.org)}`,
    "",
    status(summary),
    "",
    table(
      ["State", "Repositories"],
      (Object.keys(STATE_LABELS) as RolloutState[]).map((s) => [STATE_LABELS[s], count(summary.counts[s])]),
    ),
    "",
  ].join("\n");
  const footer = [
    "",
    "",
    "---",
    `_Updated ${utcMinute(summary.generatedAt)} by the app; edits other than ticking a box are overwritten._`,
  ].join("\n");

  const failing = summary.attention.filter((r) => r.state === "failing");
  const others = summary.attention.filter((r) => r.state !== "failing");
  const budget = ISSUE_BODY_LIMIT - CLOSING_RESERVE - footer.length;
  const parts = [head];
  let length = head.length;
  let shown = 0;
  const add = (text: string): boolean => {
    if (length + text.length + 1 > budget) return false;
    parts.push(text);
    length += text.length + 1;
    return true;
  };

  if (failing.length > 0) {
    add(`### Failing: ${count(failing.length)} (an org owner ticks a box to retry at once)`);
    for (const row of failing) {
      if (!add(failingLine(row))) break;
      shown += 1;
    }
    add("");
  }
  if (others.length > 0 && shown === failing.length) {
    const header = ["| Repository | State | Reason |", "| --- | --- | --- |"].join("\n");
    if (add(`### Needs attention: ${count(others.length)}\n\n${header}`))
      for (const row of others) {
        if (!add(tableRow([code(fullName(row.ref)), row.state, code(row.reason)]))) break;
        shown += 1;
      }
  }
  const hidden = summary.attention.length - shown;
  if (hidden > 0)
    parts.push(
      "",
      `_…and ${count(hidden)} more not shown: an issue body holds at most ${count(ISSUE_BODY_LIMIT)} characters. ` +
        "They appear here as the ones above are resolved._",
    );
  // The audits' findings come after the rollout's rows, in what room is left.
  for (const block of summary.audit && hidden === 0 ? auditBlocks(summary.audit) : []) {
    if (!add(`\n${block.header}`)) break;
    let rows = 0;
    for (const line of block.rows) {
      if (!add(line)) break;
      rows += 1;
    }
    if (rows < block.rows.length) {
      parts.push(
        "",
        `_…and ${count(block.rows.length - rows)} more rows not shown (issue body size limit)._`,
      );
      break;
    }
  }
  return `${parts.join("\n")}${footer}`;
}

function status(s: RolloutSummary): string {
  const lines = [
    // First, above the rest: nothing below moves until an operator acts (the report names the fix).
    ...(s.writesStopped ? [`⛔ **${s.writesStopped}**`] : []),
    s.paused
      ? "**Paused.** No onboarding writes until an org owner comments `/jfrog-oidc rollout resume` here."
      : "**Running.** `/jfrog-oidc rollout pause` here pauses it.",
    s.existingConsent
      ? "Existing repositories: **consent given** (`rollout.existing: true` or `/jfrog-oidc rollout`)."
      : "Existing repositories: **no consent yet**, only new ones are onboarded (`/jfrog-oidc rollout` here consents).",
    `**Progress:** ${count(s.progress.settled)} of ${count(s.progress.inScope)} repositories in scope settled ` +
      `(${s.progress.percent}%); ${count(s.remaining)} still need the app.`,
    `**ETA:** ${etaText(s)}`,
  ];
  return lines.join("  \n");
}

export function etaText(s: RolloutSummary): string {
  const windows = s.budget.windows ?? { minute: 60_000, hour: 3_600_000 };
  switch (s.eta.kind) {
    case "done":
      return "nothing left to do.";
    case "paused":
      return "none while paused.";
    case "awaiting-consent":
      return "none until existing repositories are consented to.";
    case "writes-stopped":
      return "none while writes are stopped.";
    case "estimate":
      return (
        `${s.eta.ms > 0 ? "about " : ""}${duration(s.eta.ms)}: ${count(s.eta.writes)} content writes ` +
        `(${s.writesPerRepository} per repository) at ${count(s.budget.limits.perHour)} ${per(windows.hour, "an hour")} and ` +
        `${count(s.budget.limits.perMinute)} ${per(windows.minute, "a minute")}; ${count(s.budget.remaining.perHour)} left this hour.`
      );
  }
}

/** GitHub's windows by name; a budget scaled down (GITHUB_WRITES_WINDOW) says how long its windows really are. */
function per(windowMs: number, github: string): string {
  const githubMs = github === "an hour" ? 3_600_000 : 60_000;
  return windowMs === githubMs ? github : `per ${windowMs / 1000} s`;
}

function failingLine(row: AttentionRow): string {
  const since = row.since === undefined ? "" : ` since ${utcMinute(row.since)}`;
  const text = `${code(fullName(row.ref))} failing${since}: ${code(row.reason)}`;
  // Without ids the app cannot name the repository safely in a marker: a plain line, retried by the sweep.
  return canRetry(row.ref) ? retryRow(row.ref, text) : `- ${text}`;
}

/** One row of a three-column table, escaped by the same `table()` every reply uses. */
function tableRow(cells: [string, string, string]): string {
  return table(["", "", ""], [cells]).split("\n").at(-1) ?? "";
}
