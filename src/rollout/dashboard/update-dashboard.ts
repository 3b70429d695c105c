/**
 * The `dashboard` job: summarize the org, render the issue body, and write it only when it says something new,
 * at most once per `DEBOUNCE_MS` per org (a later change defers the job to the end of that window; the queue
 * coalesces whatever else asks meanwhile). Its one write goes through the job's installation client, so the
 * worker's write ledger takes it out of the content budget at the job's (backfill) priority, like onboarding.
 */
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import { ORG_CONFIG_REPO } from "../../config/load-org-policy.js";
import { httpStatus } from "../../github/rest.js";
import type { DashboardJob } from "../job.js";
import type { JobOutcome } from "../ports.js";
import {
  createDashboardIssue,
  type DashboardNotes,
  editDashboardIssue,
  findDashboardIssue,
  sameContent,
} from "./dashboard-issue.js";
import { type SummarySources, summarizeOrg } from "./org-summary.js";
import { renderDashboard } from "./render-dashboard.js";

/** At most one dashboard write per org in this window. */
export const DEBOUNCE_MS = 5 * 60_000;

export interface DashboardDeps {
  octokit: ProbotOctokit;
  log: Logger;
  sources: SummarySources;
  memory: DashboardNotes;
  /** DRY_RUN: the dashboard is rendered into the log, never written (the README promises no write to GitHub). */
  dryRun: boolean;
}

export async function updateDashboard(deps: DashboardDeps, job: DashboardJob): Promise<JobOutcome> {
  const { octokit, log, memory, sources } = deps;
  const org = job.repository.owner;
  const note = await memory.of(org);
  const now = sources.now();
  // Inside the debounce window nothing is read: the job comes back at its end and renders what is true then.
  if (note.writtenAt !== undefined && now - note.writtenAt < DEBOUNCE_MS)
    return {
      status: "deferred",
      untilMs: note.writtenAt + DEBOUNCE_MS,
      reason: "dashboard written recently",
    };
  const publicOnly = await isPublicRepository(octokit, org);
  if (publicOnly === null) {
    log.info({ org }, `dashboard skipped: the org has no ${ORG_CONFIG_REPO} repository the app can see`);
    return { status: "done" };
  }
  const summary = await summarizeOrg(sources, octokit, {
    installationId: job.installationId,
    org,
    publicOnly,
  });
  if (!summary) {
    log.info({ org }, "dashboard skipped: the org was not scanned since the app started");
    return { status: "done" };
  }
  const body = renderDashboard(summary);
  if (deps.dryRun) {
    log.info({ org, dashboard: body }, "dry run: dashboard rendered, not written");
    return { status: "done" };
  }
  if (note.body !== undefined && !note.edited && sameContent(note.body, body)) return { status: "done" };

  const found = note.issueNumber === undefined ? await findDashboardIssue(octokit, org) : null;
  const issueNumber = note.issueNumber ?? found?.number;
  if (found && sameContent(found.body, body)) {
    await memory.note(org, { issueNumber: found.number, body: found.body, edited: false });
    return { status: "done" };
  }
  if (issueNumber !== undefined && (await edited(deps, org, issueNumber, body))) {
    await memory.note(org, { issueNumber, body, writtenAt: now, edited: false });
    log.info({ org, issue: issueNumber }, "dashboard issue updated");
    return { status: "done" };
  }
  const created = await createDashboardIssue(octokit, org, body);
  await memory.note(org, { issueNumber: created, body, writtenAt: now, edited: false });
  log.info({ org, issue: created }, "dashboard issue opened");
  return { status: "done" };
}

/** False when the remembered issue is gone (deleted: 404, or 410 once issues are turned off): open a new one. */
async function edited(deps: DashboardDeps, org: string, issueNumber: number, body: string): Promise<boolean> {
  try {
    await editDashboardIssue(deps.octokit, org, issueNumber, body);
    return true;
  } catch (error) {
    const status = httpStatus(error);
    if (status !== 404 && status !== 410) throw error;
    deps.log.info({ org, issue: issueNumber, status }, "dashboard issue gone: opening a new one");
    return false;
  }
}

/** Whether the org's `.github` repository is public (internal ones are `private: true`); null when it is not there. */
async function isPublicRepository(octokit: ProbotOctokit, org: string): Promise<boolean | null> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: org,
      repo: ORG_CONFIG_REPO,
    });
    return !data.private;
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw error;
  }
}
