/**
 * Where each repository of an org stood when the app last looked: replaced whole by each org scan (it observes
 * every repository), then kept up to date by every finished reconcile job. Embedded: in memory (below); a restart
 * starts empty and the start-up sweep fills it again (GitHub and JFrog are the sources of truth). With Redis: one
 * copy shared by every replica (`redis/redis-standings.ts`), so they all render the same dashboard and answer the
 * same `/jfrog-oidc rollout status`. Before the first scan of an org there is nothing to summarize.
 */
import type { Plan, PlanState } from "../../reconcile/plan.js";
import { countWrites } from "../count-writes.js";
import { type RepositoryRef, repositoryJobKey } from "../job.js";

export interface Standing {
  ref: RepositoryRef;
  state: PlanState;
  reason?: string;
  /** Only public repositories are shown where the public can read (a public `.github` repository). */
  isPublic: boolean;
  /**
   * For a repository still pending: the content writes its plan reserves (count-writes.ts, as the worker reserves
   * them, counting a config check run), what the dashboard's ETA adds up.
   */
  writes?: number;
}

export interface OrgStandings {
  /** The org policy's `rollout.existing` as of the last scan (the consent label is read when summarizing). */
  policyConsent: boolean;
  scannedAt: number;
  repositories: ReadonlyMap<string, Standing>;
}

/** A plan's state once its actions are applied: a pending repository then has its onboarding PR open. */
export function settledState(
  plan: Pick<Plan, "state"> & { actions: readonly unknown[] },
  applied: boolean,
): PlanState {
  return applied && plan.state === "pending" && plan.actions.length > 0 ? "pull-request-open" : plan.state;
}

export function standingOf(
  ref: RepositoryRef,
  plan: Pick<Plan, "state" | "notes" | "actions">,
  isPublic: boolean,
  applied: boolean,
): Standing {
  const reason = plan.notes[0];
  const state = settledState(plan, applied);
  return {
    ref,
    state,
    isPublic,
    ...(reason !== undefined && { reason }),
    ...(state === "pending" && { writes: countWrites(plan, true) }),
  };
}

/** The port: where the standings are kept (in memory, or Redis shared by the replicas). */
export interface StandingsStore {
  /** A finished org scan: every repository it observed, replacing what was known. */
  replace(
    org: string,
    scan: { policyConsent: boolean; at: number; standings: readonly Standing[] },
  ): Promise<void>;
  /**
   * A finished reconcile job; ignored until the org was scanned once (a partial list would mislead). True when
   * the repository's state changed (worth a dashboard update).
   */
  update(standing: Standing): Promise<boolean>;
  of(org: string): Promise<OrgStandings | undefined>;
}

/** True when a standing differs from the one before it in what the dashboard shows. */
export function changedStanding(before: Standing | undefined, after: Standing): boolean {
  return before?.state !== after.state || before.reason !== after.reason;
}

export class RolloutStandings implements StandingsStore {
  readonly #orgs = new Map<string, OrgStandings & { repositories: Map<string, Standing> }>();

  async replace(
    org: string,
    scan: { policyConsent: boolean; at: number; standings: readonly Standing[] },
  ): Promise<void> {
    this.#orgs.set(org.toLowerCase(), {
      policyConsent: scan.policyConsent,
      scannedAt: scan.at,
      repositories: new Map(scan.standings.map((s) => [repositoryJobKey(s.ref), s])),
    });
  }

  async update(standing: Standing): Promise<boolean> {
    const known = this.#orgs.get(standing.ref.owner.toLowerCase());
    if (!known) return false;
    const key = repositoryJobKey(standing.ref);
    const before = known.repositories.get(key);
    if (standing.state === "gone") return known.repositories.delete(key);
    known.repositories.set(key, standing);
    return changedStanding(before, standing);
  }

  async of(org: string): Promise<OrgStandings | undefined> {
    return this.#orgs.get(org.toLowerCase());
  }
}
