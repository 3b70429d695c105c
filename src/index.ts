/** Wires events to handlers. No logic here: handlers filter and enqueue; src/rollout runs the jobs. */
import type { ApplicationFunction } from "probot";
import type { AppDeps } from "./handlers/app-deps.js";
import { onIssueEdited } from "./handlers/dashboard-edit.js";
import { onInstallationDeleted, onRepositoriesRemoved, onScanTrigger } from "./handlers/installation.js";
import { onIssueComment } from "./handlers/issue-comment.js";
import { onPolicyPreviewEvent } from "./handlers/policy-preview.js";
import { onPush } from "./handlers/push.js";
import {
  onRepositoryEdited,
  onRepositoryEvent,
  onRepositoryTransferred,
} from "./handlers/repository-lifecycle.js";
import { onWorkflowAuditEvent } from "./handlers/workflow-audit.js";
import { timedApp } from "./ops/webhook-latency.js";

export function createApp(deps: AppDeps): ApplicationFunction {
  return (probot) => {
    // Every handler below is timed in this one place (ops/webhook-latency.ts).
    const app = deps.metrics ? timedApp(probot, deps.metrics) : probot;
    app.on(
      [
        "repository.created",
        "repository.renamed",
        "repository.archived",
        "repository.unarchived",
        "repository.privatized",
        "repository.publicized",
        "repository.deleted",
      ],
      onRepositoryEvent(deps),
    );
    app.on("repository.transferred", onRepositoryTransferred(deps));
    app.on("repository.edited", onRepositoryEdited(deps));
    app.on("push", onPush(deps));
    app.on("issue_comment.created", onIssueComment(deps));
    app.on("issues.edited", onIssueEdited(deps));
    app.on("installation.created", onScanTrigger(deps, "app installed"));
    app.on("installation.deleted", onInstallationDeleted());
    app.on("installation_repositories.added", onScanTrigger(deps, "repositories added to the installation"));
    app.on("installation_repositories.removed", onRepositoriesRemoved(deps));
    app.on(
      ["push", "pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
      onWorkflowAuditEvent(deps),
    );
    app.on(
      ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
      onPolicyPreviewEvent(deps),
    );
  };
}
