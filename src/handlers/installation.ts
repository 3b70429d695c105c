/**
 * Installation events:
 * - `installation.created`, `installation_repositories.added`: scan the organization; existing repositories are
 *   onboarded only with consent (see rollout/org-scan.ts);
 * - `installation_repositories.removed`: the app's mapping is kept unless the policy says `rollout.onUninstall:
 *   remove` (decided by the worker, which reads the policy);
 * - `installation.deleted`: nothing. The app can no longer read the policy or the repositories, and it never
 *   deletes what it could not check (fail closed); the mappings stay for an admin to remove.
 */
import type { Context } from "probot";
import type { AppDeps } from "./app-deps.js";
import { enqueueOrgScan, enqueueRepository } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

/** `installation.created` and `installation_repositories.added` both mean: scan the organization. */
export function onScanTrigger(deps: AppDeps, reason: string) {
  return async (
    context: Context<"installation.created" | "installation_repositories.added">,
  ): Promise<void> => {
    if (!isWellFormed("installation", context)) return;
    const account = context.payload.installation.account;
    if (!account || !("login" in account)) return;
    await enqueueOrgScan(deps, context, account.login, reason);
  };
}

export function onRepositoriesRemoved(deps: AppDeps) {
  return async (context: Context<"installation_repositories.removed">): Promise<void> => {
    if (!isWellFormed("installation_repositories.removed", context)) return;
    const account = context.payload.installation.account;
    if (!account || !("login" in account)) return;
    for (const repo of context.payload.repositories_removed)
      await enqueueRepository(
        deps,
        context,
        { owner: account.login, name: repo.name, ownerId: account.id, repoId: repo.id },
        "repository removed from the installation",
        { options: { uninstalled: true } },
      );
  };
}

export function onInstallationDeleted() {
  return async (context: Context<"installation.deleted">): Promise<void> => {
    const account = context.payload.installation.account;
    context.log.info(
      { account: account && "login" in account ? account.login : undefined },
      "app uninstalled: the app's JFrog identity mappings are kept (it can no longer read the policy)",
    );
  };
}
