/**
 * An org scan has just observed every repository in bulk (one GraphQL request per 100, one JFrog listing); the
 * backfill job it queues for a repository carries what the scan saw, so the job need not read the repository and
 * its mapping again: on a long rollout that second read was a third of the app's GitHub requests.
 *
 * The job observes again when what it carries may be wrong:
 * - it is older than `maxAgeMs` (every sweep's scan replaces a waiting job's payload, so this bounds the age to
 *   about one sweep interval);
 * - the policy now asks for other files (workflow path, onboarding branch) or another mapping (provider, project);
 * - it is a retry (the failure may come from a change the scan could not see);
 * - an event about the repository arrived meanwhile: the queue then keeps the newest payload, the event's, which
 *   carries nothing.
 * Every write stays idempotent, so acting on facts a little old at worst fails an attempt, and the retry re-reads.
 */
import type { Policy } from "../config/policy-schema.js";
import type { RepoFacts } from "../github/repo-facts.js";
import type { IdentityMapping } from "../jfrog/types.js";

/** The policy fields an observation depends on: the files it reads and the mapping it looks up. */
export interface ObservationInputs {
  workflowPath: string;
  onboardingBranch: string;
  provider: string;
  projectKey: string | null;
}

export interface CarriedObservation {
  /** When the scan observed it (clock ms). */
  atMs: number;
  inputs: ObservationInputs;
  repo: RepoFacts;
  mapping: IdentityMapping | null;
}

export function observationInputs(policy: Policy): ObservationInputs {
  return {
    workflowPath: policy.workflow.path,
    onboardingBranch: policy.pullRequest.branch,
    provider: policy.provider.name,
    projectKey: policy.projectKey ?? null,
  };
}

/** Why a carried observation cannot stand in for a fresh one, or undefined when it can. */
export function staleBecause(
  carried: CarriedObservation,
  policy: Policy,
  nowMs: number,
  maxAgeMs: number,
): string | undefined {
  if (nowMs - carried.atMs > maxAgeMs) return "older than the freshness bound";
  const now = observationInputs(policy);
  const then = carried.inputs;
  if (
    now.workflowPath !== then.workflowPath ||
    now.onboardingBranch !== then.onboardingBranch ||
    now.provider !== then.provider ||
    now.projectKey !== then.projectKey
  )
    return "the policy changed what is observed";
  return undefined;
}
