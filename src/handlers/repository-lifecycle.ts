/**
 * Repository lifecycle events keep the app's mapping in step with the repository:
 * - created: the mapping at once, and the PR too unless the repository is empty (then its first push opens it);
 * - renamed: the readable `repository` claim follows the new name (the mapping's name and pinned ids do not change);
 * - archived / unarchived / visibility changes: the policy's scope is decided again;
 * - edited: only a changed default branch matters (the `$default` ref claim follows it);
 * - deleted: the app's mapping goes, so nothing can be admitted with a re-created repository's token;
 * - transferred: the old owner's mapping goes (it pins the old owner id, so it already admits nobody), and the
 *   repository is reconciled where it now lives.
 */
import type { Context } from "probot";
import type { AppDeps } from "./app-deps.js";
import { enqueueRepository, repositoryRef } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

/** Every lifecycle event but `transferred` re-plans the repository where the payload says it is. */
export function onRepositoryEvent(deps: AppDeps) {
  return async (context: Context<"repository">): Promise<void> => {
    if (!isWellFormed("repository", context)) return;
    await enqueueRepository(
      deps,
      context,
      repositoryRef(context.payload.repository),
      `repository ${context.payload.action}`,
    );
  };
}

export function onRepositoryTransferred(deps: AppDeps) {
  return async (context: Context<"repository.transferred">): Promise<void> => {
    if (!isWellFormed("repository.transferred", context)) return;
    const { repository, changes } = context.payload;
    const from = changes.owner.from.organization ?? changes.owner.from.user;
    if (from) {
      // Where it was: the repository is gone from there, so the reconcile removes the app's old mapping.
      const old = repositoryRef({
        id: repository.id,
        name: repository.name,
        owner: { login: from.login, id: from.id },
      });
      await enqueueRepository(deps, context, old, "repository transferred away");
    }
    await enqueueRepository(deps, context, repositoryRef(repository), "repository transferred here");
  };
}

/** A renamed default branch moves the mapping's `$default` ref claim; other edits change nothing the app uses. */
export function onRepositoryEdited(deps: AppDeps) {
  return async (context: Context<"repository.edited">): Promise<void> => {
    if (!isWellFormed("repository.edited", context)) return;
    if (!context.payload.changes.default_branch) {
      context.log.debug("repository edit ignored: the default branch did not change");
      return;
    }
    await enqueueRepository(
      deps,
      context,
      repositoryRef(context.payload.repository),
      "default branch changed",
    );
  };
}
