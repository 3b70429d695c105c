/**
 * `issues.edited` on the rollout dashboard (an issue of the org's `.github` repository starting with the
 * dashboard marker): a person may have ticked retry boxes. Filtered here (a body edit, by a person, of a dashboard
 * in `.github`), then described as a `dashboard-edit` job; the worker judges the ticks against the body the app
 * last wrote and checks the editor is an org owner. The app's own edits (a bot sender) are ignored here.
 */
import type { Context } from "probot";
import { ORG_CONFIG_REPO } from "../config/load-org-policy.js";
import { isDashboard } from "../rollout/dashboard/retry-checkboxes.js";
import type { AppDeps } from "./app-deps.js";
import { installationOf, repositoryRef } from "./enqueue-repository.js";
import { isWellFormed } from "./payload-guard.js";

export function onIssueEdited(deps: AppDeps) {
  return async (context: Context<"issues.edited">): Promise<void> => {
    if (!isWellFormed("issues.edited", context)) return;
    const { issue, changes, sender, repository } = context.payload;
    if (repository.name.toLowerCase() !== ORG_CONFIG_REPO || issue.pull_request) return;
    if (context.isBot) {
      context.log.debug({ sender: sender.login }, "issue edit ignored: from a bot");
      return;
    }
    const from = changes.body?.from;
    const body = issue.body ?? "";
    if (from === undefined || !isDashboard(body)) return;
    await deps.queue.add({
      kind: "dashboard-edit",
      installationId: installationOf(context),
      reason: "dashboard edited",
      priority: "event",
      deliveryId: context.id,
      requestedAt: deps.now(),
      repository: repositoryRef(repository),
      ownerType: repository.owner.type === "Organization" ? "Organization" : "User",
      issueNumber: issue.number,
      editor: sender.login,
      previousBody: from,
      body,
    });
  };
}
