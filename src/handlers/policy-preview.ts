import type { Context } from "probot";
import type { AppDeps } from "./app-deps.js";
import { installationOf, repositoryRef } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

/**
 * A pull request into the default branch, opened or updated by a person, may change a policy: queue a
 * policy-preview job (data). The worker asks GitHub which files it changes and previews only a change to the org
 * policy (or a base of it in the `.github` repository) or to the repository's own `.github/jfrog-oidc.yml`.
 * Only the default branch's policy is ever applied, so a PR into another branch previews nothing; a bot's PR
 * (the app's own onboarding PRs among them) never changes a policy file, and is not worth a read each.
 */
type PreviewEvent = Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

export function onPolicyPreviewEvent(deps: AppDeps) {
  return async (context: PreviewEvent): Promise<void> => {
    if (!isWellFormed("pull_request", context)) return;
    const { pull_request: pr, repository, sender } = context.payload;
    if (pr.base.ref !== repository.default_branch) {
      context.log.debug({ base: pr.base.ref }, "policy preview skipped: not a PR into the default branch");
      return;
    }
    if (sender.type === "Bot") {
      context.log.debug({ sender: sender.login }, "policy preview skipped: a bot's pull request");
      return;
    }
    await deps.queue.add({
      kind: "policy-preview",
      installationId: installationOf(context),
      reason: `pull request #${pr.number} ${context.payload.action}`,
      priority: "event",
      deliveryId: context.id,
      requestedAt: deps.now(),
      repository: repositoryRef(repository),
      pullNumber: pr.number,
      headSha: pr.head.sha,
    });
  };
}
