/**
 * The rollout's state for one organization, PURE: from each repository's plan (or its state), the jobs given up,
 * the pause flag, consent and the budget, to counts, progress, an ETA and the rows that need a person. The
 * dashboard issue (render-dashboard.ts) and `/jfrog-oidc rollout status` (describe-summary.ts) both print it.
 */
import type { Plan, PlanState } from "../../reconcile/plan.js";
import { fullName, type RepositoryRef } from "../job.js";
import type { AuditSummary } from "./audit-summary.js";
import { type BudgetWindows, etaMs } from "./eta.js";

/** A plan's state, or `failing` when the repository's job was given up (it overrides the last plan seen). */
export type RolloutState = Exclude<PlanState, "gone"> | "failing";

export const ROLLOUT_STATES: readonly RolloutState[] = [
  "onboarded",
  "pull-request-open",
  "waiting-first-push",
  "declined",
  "opted-out",
  "excluded",
  "failing",
  "blocked",
  "pending",
];

/** `writes`: what the repository's plan still reserves (standings.ts), when it was counted. */
export type RepositoryStanding =
  | { ref: RepositoryRef; plan: Pick<Plan, "state" | "notes">; writes?: number }
  | { ref: RepositoryRef; state: PlanState; reason?: string; writes?: number };

export interface RolloutFailure {
  ref: RepositoryRef;
  /** The last attempt's error message (shown quoted: it may carry text from GitHub or JFrog). */
  error: string;
  /** When the job was given up (clock milliseconds). */
  at: number;
}

export interface RolloutInput {
  org: string;
  repositories: readonly RepositoryStanding[];
  failures: readonly RolloutFailure[];
  paused: boolean;
  /** Existing repositories are onboarded only with consent (`rollout.existing: true` or `/jfrog-oidc rollout`). */
  existingConsent: boolean;
  budget: BudgetWindows;
  /**
   * Content writes one onboarding takes (branch, commit, PR, labels…) when no remaining repository's plan was
   * counted; otherwise a repository without a count is taken at the average of those with one.
   */
  typicalWritesPerRepository: number;
  now: number;
  /** Set while the app may not write (the JFrog token expired or was revoked): what happened and the fix. */
  writesStopped?: string;
}

export type AttentionState = "failing" | "blocked" | "declined";

export interface AttentionRow {
  ref: RepositoryRef;
  state: AttentionState;
  reason: string;
  /** For `failing`: when it was given up. */
  since?: number;
}

export type Eta =
  | { kind: "done" }
  | { kind: "paused" }
  | { kind: "awaiting-consent" }
  | { kind: "writes-stopped" }
  | { kind: "estimate"; ms: number; writes: number };

export interface RolloutSummary {
  org: string;
  generatedAt: number;
  paused: boolean;
  existingConsent: boolean;
  /** The token watch's report while writes are stopped: shown first, above everything else. */
  writesStopped?: string;
  counts: Record<RolloutState, number>;
  /** Settled: onboarded, PR open or declined (nothing left for the app until someone acts); of those in scope. */
  progress: { settled: number; inScope: number; percent: number };
  /** Repositories that still need the app's writes: pending and failing. */
  remaining: number;
  eta: Eta;
  budget: BudgetWindows;
  /** The ETA's writes per remaining repository, on average (0 when nothing remains). */
  writesPerRepository: number;
  /** Failing first (a checkbox retries them), then blocked, then declined; by name within each. */
  attention: AttentionRow[];
  /** The workflow and JFrog-side audits' findings, when the summary is for the dashboard (see audit-summary.ts). */
  audit?: AuditSummary;
}

const ATTENTION_ORDER: Record<AttentionState, number> = { failing: 0, blocked: 1, declined: 2 };
const OUT_OF_SCOPE: ReadonlySet<RolloutState> = new Set(["opted-out", "excluded"]);
const SETTLED: ReadonlySet<RolloutState> = new Set(["onboarded", "pull-request-open", "declined"]);

export function summarizeRollout(input: RolloutInput): RolloutSummary {
  const counts = Object.fromEntries(ROLLOUT_STATES.map((s) => [s, 0])) as Record<RolloutState, number>;
  // Indexed by id and by name: a failure recorded before the ids were known still finds its repository.
  const failures = new Map(input.failures.flatMap((f) => refKeys(f.ref).map((k) => [k, f] as const)));
  const attention: AttentionRow[] = [];
  /** The counted writes of each remaining repository (undefined: not counted). */
  const remainingWrites: Array<number | undefined> = [];
  for (const standing of input.repositories) {
    const planned = "plan" in standing ? standing.plan.state : standing.state;
    if (planned === "gone") continue;
    const failure = refKeys(standing.ref)
      .map((k) => failures.get(k))
      .find((f) => f !== undefined);
    const state: RolloutState = failure ? "failing" : planned;
    counts[state] += 1;
    if (state === "pending" || state === "failing") remainingWrites.push(standing.writes);
    if (failure)
      attention.push({ ref: standing.ref, state: "failing", reason: failure.error, since: failure.at });
    else if (state === "blocked" || state === "declined")
      attention.push({ ref: standing.ref, state, reason: reasonOf(standing) });
  }
  attention.sort(
    (a, b) =>
      ATTENTION_ORDER[a.state] - ATTENTION_ORDER[b.state] ||
      fullName(a.ref).localeCompare(fullName(b.ref), "en"),
  );

  const inScope = ROLLOUT_STATES.filter((s) => !OUT_OF_SCOPE.has(s)).reduce((n, s) => n + counts[s], 0);
  const settled = [...SETTLED].reduce((n, s) => n + counts[s], 0);
  const remaining = counts.pending + counts.failing;
  const writes = totalWrites(remainingWrites, input.typicalWritesPerRepository);
  return {
    org: input.org,
    generatedAt: input.now,
    paused: input.paused,
    existingConsent: input.existingConsent,
    ...(input.writesStopped && { writesStopped: input.writesStopped }),
    counts,
    progress: { settled, inScope, percent: inScope === 0 ? 100 : Math.floor((settled * 100) / inScope) },
    remaining,
    eta: eta(input, remaining, writes),
    budget: input.budget,
    writesPerRepository: remaining === 0 ? 0 : Math.round((writes * 10) / remaining) / 10,
    attention,
  };
}

function eta(input: RolloutInput, remaining: number, writes: number): Eta {
  if (remaining === 0) return { kind: "done" };
  if (input.writesStopped) return { kind: "writes-stopped" };
  if (input.paused) return { kind: "paused" };
  if (!input.existingConsent) return { kind: "awaiting-consent" };
  return { kind: "estimate", ms: etaMs(writes, input.budget), writes };
}

/**
 * What the remaining repositories' plans reserve; one not counted (given up before any plan of it was seen) is
 * taken at the average of the counted ones, or at the typical onboarding when none was counted.
 */
function totalWrites(counted: ReadonlyArray<number | undefined>, typical: number): number {
  const known = counted.filter((w): w is number => w !== undefined);
  const sum = known.reduce((a, b) => a + b, 0);
  const unknown = counted.length - known.length;
  if (unknown === 0) return sum;
  return sum + Math.ceil(unknown * (known.length > 0 ? sum / known.length : typical));
}

function reasonOf(standing: RepositoryStanding): string {
  if ("plan" in standing) return standing.plan.notes[0] ?? standing.plan.state;
  return standing.reason ?? standing.state;
}

function refKeys(ref: RepositoryRef): string[] {
  const byName = `name:${fullName(ref).toLowerCase()}`;
  return ref.repoId !== undefined ? [`id:${ref.repoId}`, byName] : [byName];
}
