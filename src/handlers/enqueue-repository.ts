/** The one thing handlers do after filtering: describe the repository's work as a job (data) and queue it. */
import type { Context } from "probot";
import type { JobPriority, ReconcileJob, RepositoryRef } from "../rollout/job.js";
import type { AppDeps } from "./app-deps.js";

/** The repository as webhook payloads describe it. */
export interface PayloadRepository {
  id: number;
  name: string;
  owner: { login: string; id: number };
}

export function repositoryRef(repo: PayloadRepository): RepositoryRef {
  return { owner: repo.owner.login, name: repo.name, ownerId: repo.owner.id, repoId: repo.id };
}

/** The installation a delivery came through; every event the app subscribes to carries one. */
export function installationOf(context: Context): number {
  const id = (context.payload as { installation?: { id?: number } }).installation?.id;
  if (typeof id !== "number") throw new Error(`${context.name} delivery ${context.id} names no installation`);
  return id;
}

export async function enqueueRepository(
  deps: AppDeps,
  context: Context,
  repository: RepositoryRef,
  reason: string,
  extra: { priority?: JobPriority; options?: ReconcileJob["options"] } = {},
): Promise<void> {
  context.log.debug({ repository: `${repository.owner}/${repository.name}`, reason }, "repository queued");
  await deps.queue.add({
    kind: "reconcile",
    installationId: installationOf(context),
    reason,
    priority: extra.priority ?? "event",
    deliveryId: context.id,
    requestedAt: deps.now(),
    repository,
    ...(extra.options && { options: extra.options }),
  });
}

export async function enqueueOrgScan(deps: AppDeps, context: Context, org: string, reason: string) {
  context.log.debug({ org, reason }, "organization queued for a scan");
  await deps.queue.add({
    kind: "org-scan",
    installationId: installationOf(context),
    org,
    reason,
    priority: "event",
    deliveryId: context.id,
    requestedAt: deps.now(),
  });
}
