/**
 * The `dashboard-edit` job: someone edited the dashboard issue's body. The boxes that went from unticked to
 * ticked, judged against the body the APP last wrote (or GitHub's `changes.body.from` after a restart), are
 * retried: each repository is queued as an event-priority reconcile job, whose success clears its failure. Only an
 * org owner's ticks count (the same check as org-level commands); anyone else's edit is logged and ignored.
 */
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import { Authorizer } from "../../github/authorize.js";
import { type DashboardEditJob, dashboardJobFor } from "../job.js";
import type { JobOutcome, JobQueue } from "../ports.js";
import type { DashboardNotes } from "./dashboard-issue.js";
import { checkedRetries } from "./retry-checkboxes.js";

export interface RetryDeps {
  octokit: ProbotOctokit;
  log: Logger;
  memory: DashboardNotes;
  queue: Pick<JobQueue, "add">;
}

export async function retryFromDashboard(deps: RetryDeps, job: DashboardEditJob): Promise<JobOutcome> {
  const { log, memory } = deps;
  const org = job.repository.owner;
  const note = await memory.of(org);
  if (note.issueNumber !== undefined && note.issueNumber !== job.issueNumber) {
    log.debug({ issue: job.issueNumber }, "edit ignored: not the dashboard issue");
    return { status: "done" };
  }
  const retries = checkedRetries(note.body ?? job.previousBody, job.body).filter(
    (ref) => ref.owner.toLowerCase() === org.toLowerCase(),
  );
  // Whatever the edit was, the issue no longer shows what the app wrote: the next render is written (unticking).
  await memory.note(org, { issueNumber: job.issueNumber, edited: true });
  await deps.queue.add(dashboardJobFor(job.installationId, org, "dashboard edited"));
  if (retries.length === 0) return { status: "done" };
  const decision = await new Authorizer(
    deps.octokit,
    { owner: org, ownerType: job.ownerType, repo: job.repository.name },
    job.editor,
  ).check("org");
  if (!decision.allowed) {
    log.info(
      { editor: job.editor, boxes: retries.length },
      "dashboard ticks ignored: the editor is not an org owner",
    );
    return { status: "done" };
  }
  for (const repository of retries)
    await deps.queue.add({
      kind: "reconcile",
      installationId: job.installationId,
      reason: "retry ticked on the dashboard",
      priority: "event",
      ...(job.deliveryId && { deliveryId: job.deliveryId }),
      ...(job.requestedAt !== undefined && { requestedAt: job.requestedAt }),
      repository,
    });
  log.info(
    { editor: job.editor, repositories: retries.map((r) => `${r.owner}/${r.name}`) },
    "dashboard retries queued",
  );
  return { status: "done" };
}
