/** The one thing handlers do after filtering: put the repository's reconcile job on the queue. */
import type { Context } from "probot";
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
  // Keyed by the immutable id when known: a rename between two deliveries still coalesces into one job.
  const key = target.ids ? repositoryKey(target.ids) : repository.toLowerCase();
  deps.queue.enqueue(key, async () => {
    await reconcileRepository(reconcileDeps(deps, context, log), target);
  });
}

/** What the reconcile path needs for one job: this delivery's installation client and logger, the app's deps. */
export function reconcileDeps(deps: AppDeps, context: Context, log: JobLogger): ReconcileDeps {
  return {
    octokit: context.octokit,
    jfrog: deps.jfrog,
    jfrogUrl: deps.settings.jfrogUrl,
    dryRun: deps.settings.dryRun,
    log,
    orgMemory: deps.orgMemory,
  };
}
