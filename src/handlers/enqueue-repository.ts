/** The one thing handlers do after filtering: put the repository's reconcile job on the queue. */
import type { Context } from "probot";
import { reconcileRepository } from "../reconcile/reconcile-repository.js";
import type { AppDeps } from "./app-deps.js";

export interface RepositoryRef {
  id: number;
  name: string;
  owner: { login: string };
}

export function enqueueRepository(
  deps: AppDeps,
  context: Context,
  repo: RepositoryRef,
  reason: string,
): void {
  const repository = `${repo.owner.login}/${repo.name}`;
  const log = context.log.child({ repository, reason });
  log.debug("repository queued for reconcile");
  // Keyed by the immutable id: a rename between two deliveries still coalesces into one job.
  deps.queue.enqueue(String(repo.id), async () => {
    await reconcileRepository(
      {
        octokit: context.octokit,
        jfrog: deps.jfrog,
        jfrogUrl: deps.settings.jfrogUrl,
        dryRun: deps.settings.dryRun,
        log,
        orgMemory: deps.orgMemory,
      },
      { owner: repo.owner.login, name: repo.name },
    );
  });
}
