/**
 * The inputs of `summarizeRollout` for one org, gathered: the standings (last scan and finished jobs), the jobs
 * given up, pause and consent (labels of `.github`, one read, and the policy's `rollout.existing` as of the last
 * scan) and what is left of the installation's content budget. The dashboard issue and `/jfrog-oidc rollout
 * status` both come from here, so their numbers agree.
 */
import type { ProbotOctokit } from "probot";
import { readRolloutState } from "../consent.js";
import type { FailureRecord } from "../failures.js";
import { repositoryJobKey } from "../job.js";
import { type BudgetLimits, windowsOf } from "../memory-budget.js";
import type { WriteBudget } from "../ports.js";
import type { AuditStore } from "./audit-standings.js";
import { summarizeAudit } from "./audit-summary.js";
import type { Standing, StandingsStore } from "./standings.js";
import { type RolloutFailure, type RolloutSummary, summarizeRollout } from "./summary.js";

/**
 * One onboarding PR with the policy's labels and reviewers: branch, commit, PR, labels, reviewers (see
 * count-writes.ts). Only for a remaining repository whose plan was never counted, when no other one was either.
 */
export const WRITES_PER_ONBOARDING = 5;

export interface SummarySources {
  standings: StandingsStore;
  /** The workflow and JFrog-side audits' last findings (absent: the summary says nothing of them). */
  audits?: AuditStore;
  failures: FailureRecord;
  budget: WriteBudget;
  /** The installation's limits; the ETA uses what backfill may spend (less the headroom kept for events). */
  budgetLimits: BudgetLimits;
  now: () => number;
  /** The JFrog token watch's stop (production): set while writes are stopped. */
  writesStopped?: () => { report: string } | undefined;
}

/**
 * Null until the org was scanned once since the app started (a summary of nothing would claim "done").
 * `publicOnly`: where the public can read it, only public repositories are counted and named.
 */
export async function summarizeOrg(
  sources: SummarySources,
  octokit: ProbotOctokit,
  where: { installationId: number; org: string; publicOnly: boolean },
): Promise<RolloutSummary | null> {
  const known = await sources.standings.of(where.org);
  if (!known) return null;
  const labels = await readRolloutState(octokit, where.org);
  const standings = [...known.repositories.values()].filter((s) => !where.publicOnly || s.isPublic);
  const failures: RolloutFailure[] = sources.failures
    .list(where.installationId)
    .flatMap((entry) =>
      entry.job.kind === "reconcile" && entry.job.repository.owner.toLowerCase() === where.org.toLowerCase()
        ? [{ ref: entry.job.repository, error: entry.error, at: entry.atMs }]
        : [],
    );
  // A repository given up on before any plan of it was seen (created since the scan) is listed too, as pending
  // (the failure marks it failing); its visibility is unknown, so not where the public reads.
  const seen = new Set([...known.repositories.keys()]);
  const unplanned = where.publicOnly
    ? []
    : failures
        .filter((f) => !seen.has(repositoryJobKey(f.ref)))
        .map((f): Standing => ({ ref: f.ref, state: "pending", isPublic: false }));
  const remaining = await sources.budget.remaining(where.installationId);
  const stopped = sources.writesStopped?.();
  const l = sources.budgetLimits;
  const publicKeys = new Set(standings.filter((s) => s.isPublic).map((s) => repositoryJobKey(s.ref)));
  const summary = summarizeRollout({
    org: where.org,
    repositories: [...standings, ...unplanned].map((s) => ({
      ref: s.ref,
      state: s.state,
      ...(s.reason && { reason: s.reason }),
      ...(s.writes !== undefined && { writes: s.writes }),
    })),
    failures,
    paused: labels.paused,
    existingConsent: known.policyConsent || labels.consented,
    budget: {
      limits: { perMinute: l.perMinute - l.headroomPerMinute, perHour: l.perHour - l.headroomPerHour },
      remaining,
      windows: windowsOf(l),
    },
    typicalWritesPerRepository: WRITES_PER_ONBOARDING,
    now: sources.now(),
    ...(stopped && { writesStopped: stopped.report }),
  });
  if (!sources.audits) return summary;
  const audit = summarizeAudit(await sources.audits.of(where.org), {
    publicOnly: where.publicOnly,
    isPublic: (ref) => publicKeys.has(repositoryJobKey(ref)),
  });
  return { ...summary, audit };
}
