/** The one thing handlers do after filtering: put the repository's reconcile job on the queue. */
import type { Context } from "probot";
import { GITHUB_ISSUER } from "../config/policy-schema.js";
import type { JobLogger } from "../reconcile/job-logger.js";
import {
  type ReconcileDeps,
  type ReconcileTarget,
  reconcileRepository,
} from "../reconcile/reconcile-repository.js";
import { repositoryKey } from "../rollout/repository-queue.js";
import type { AppDeps } from "./app-deps.js";

/** The repository as webhook payloads describe it. */
export interface RepositoryRef {
  id: number;
  name: string;
  owner: { login: string; id: number };
}

export function targetOf(repo: RepositoryRef): ReconcileTarget {
  return { owner: repo.owner.login, name: repo.name, ids: { ownerId: repo.owner.id, repoId: repo.id } };
}

export function enqueueRepository(
  deps: AppDeps,
  context: Context,
  target: ReconcileTarget,
  reason: string,
): void {
  const repository = `${target.owner}/${target.name}`;
  const log = context.log.child({ repository, reason });
  log.debug("repository queued for reconcile");
  const requestedAt = deps.orgMemory.now();
  deps.queue.enqueue(
    queueKey(target),
    async () => {
      await reconcileRepository(reconcileDeps(deps, context, log, requestedAt), target);
    },
    repository,
  );
}

/**
 * The queue key of every job about the repository, reconcile or command alike, so they never overlap. The immutable
 * ids when known: a rename between two deliveries still coalesces into one job.
 */
export function queueKey(target: ReconcileTarget): string {
  return target.ids ? repositoryKey(target.ids) : `${target.owner}/${target.name}`.toLowerCase();
}

/**
 * What the reconcile path needs for one job: this delivery's installation client and logger, the app's deps, and
 * when the job was asked for (an integration verified before that is read again).
 */
export function reconcileDeps(
  deps: AppDeps,
  context: Context,
  log: JobLogger,
  requestedAt = deps.orgMemory.now(),
): ReconcileDeps {
  return {
    requestedAt,
    policyDefaults: { issuer: deps.settings.githubIssuer ?? GITHUB_ISSUER },
    octokit: context.octokit,
    jfrog: deps.jfrog,
    jfrogUrl: deps.settings.jfrogUrl,
    dryRun: deps.settings.dryRun,
    log,
    orgMemory: deps.orgMemory,
  };
}
