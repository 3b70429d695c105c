/**
 * The dashboard issue itself: one open issue of the org's `.github` repository, opened by the app (a bot) and
 * starting with `DASHBOARD_MARKER`. Found again by that marker among the repository's open issues, so a restart
 * or another replica edits the same issue instead of opening a second; its number and the body last written are
 * remembered per org (`DashboardNotes`: in memory embedded, in Redis shared by the replicas otherwise) so a running
 * app reads the list once and every replica edits the same issue on the same debounce.
 * https://docs.github.com/rest/issues/issues
 */
import type { ProbotOctokit } from "probot";
import { ORG_CONFIG_REPO } from "../../config/load-org-policy.js";
import { isDashboard } from "./retry-checkboxes.js";

export const DASHBOARD_TITLE = "JFrog OIDC rollout dashboard";

export interface DashboardNote {
  issueNumber?: number;
  /** The body the app last wrote (or found), for change detection and for judging ticks. */
  body?: string;
  /** When the app last wrote it (clock ms), for the debounce. */
  writtenAt?: number;
  /** Someone edited the issue since: the next render is written even if it says the same as `body`. */
  edited?: boolean;
}

/** The port: where the dashboard notes are kept (in memory, or Redis shared by the replicas). */
export interface DashboardNotes {
  of(org: string): Promise<DashboardNote>;
  /** Merges the fields given into the org's note (fields left out keep their value). */
  note(org: string, note: DashboardNote): Promise<void>;
}

export class DashboardMemory implements DashboardNotes {
  readonly #notes = new Map<string, DashboardNote>();

  async of(org: string): Promise<DashboardNote> {
    return this.#notes.get(org.toLowerCase()) ?? {};
  }

  async note(org: string, note: DashboardNote): Promise<void> {
    this.#notes.set(org.toLowerCase(), { ...this.#notes.get(org.toLowerCase()), ...note });
  }
}

/** The oldest open issue a bot opened whose body starts with the marker; null when there is none. */
export async function findDashboardIssue(
  octokit: ProbotOctokit,
  org: string,
): Promise<{ number: number; body: string } | null> {
  const issues = await octokit.paginate("GET /repos/{owner}/{repo}/issues", {
    owner: org,
    repo: ORG_CONFIG_REPO,
    state: "open",
    per_page: 100,
  });
  const found = issues
    .filter((i) => !i.pull_request && i.user?.type === "Bot" && isDashboard(i.body ?? ""))
    .sort((a, b) => a.number - b.number)[0];
  return found ? { number: found.number, body: found.body ?? "" } : null;
}

export async function createDashboardIssue(
  octokit: ProbotOctokit,
  org: string,
  body: string,
): Promise<number> {
  const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner: org,
    repo: ORG_CONFIG_REPO,
    title: DASHBOARD_TITLE,
    body,
  });
  return data.number;
}

export async function editDashboardIssue(
  octokit: ProbotOctokit,
  org: string,
  issueNumber: number,
  body: string,
): Promise<void> {
  await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: org,
    repo: ORG_CONFIG_REPO,
    issue_number: issueNumber,
    body,
  });
}

/** Two bodies say the same but for the "Updated …" footer line (a new minute alone is no reason to write). */
export function sameContent(a: string, b: string): boolean {
  const strip = (body: string) => body.replace(/\n_Updated [^\n]*_$/, "");
  return strip(a) === strip(b);
}
