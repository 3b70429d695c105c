import type { Context } from "probot";
import { ORG_CONFIG_REPO } from "../config/load-org-policy.js";
import { CONFIG_PATH } from "../config/policy-schema.js";
import type { RepositoryRef } from "../rollout/job.js";
import type { AppDeps } from "./app-deps.js";
import { enqueueOrgScan, enqueueRepository, repositoryRef } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

/**
 * Pushes matter only on the default branch, and only when they (a) are the first push to a repository that was
 * empty, or (b) change the repository's `.github/jfrog-oidc.yml` (in the org's `.github` repository, that file is
 * the org policy: then every repository of the org is planned again, by an org scan; an invalid policy stops at the
 * org gate with a failed check run). The app never pushes to a default branch itself, so bot senders cannot make
 * it loop.
 */
export function onPush(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    if (!isWellFormed("push", context)) return;
    const { payload } = context;
    const repository = payload.repository;
    if (payload.deleted || payload.ref !== `refs/heads/${repository.default_branch}`) {
      context.log.debug({ ref: payload.ref }, "push ignored: not to the default branch");
      return;
    }
    if (payload.created) {
      await enqueueRepository(deps, context, pushTarget(repository), "first push to the default branch");
      return;
    }
    const touched = payload.commits.some((c) =>
      [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH),
    );
    if (!touched) {
      context.log.debug("push ignored: .github/jfrog-oidc.yml unchanged");
      return;
    }
    await enqueueRepository(deps, context, pushTarget(repository), `${CONFIG_PATH} changed`);
    if (repository.name.toLowerCase() === ORG_CONFIG_REPO && repository.owner?.type === "Organization")
      await enqueueOrgScan(deps, context, repository.owner.login, "org policy changed");
  };
}

/** Push payloads type the owner as nullable; `full_name` always names it. */
function pushTarget(repository: Context<"push">["payload"]["repository"]): RepositoryRef {
  const owner = repository.owner;
  if (owner) return repositoryRef({ id: repository.id, name: repository.name, owner });
  return { owner: repository.full_name.split("/")[0] ?? "", name: repository.name };
}
