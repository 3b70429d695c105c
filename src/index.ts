/** Wires events to handlers. No logic here: handlers filter and enqueue; src/reconcile does the work. */
import type { ApplicationFunction } from "probot";
import type { AppDeps } from "./handlers/app-deps.js";
import { onIssueComment } from "./handlers/issue-comment.js";
import { onPush } from "./handlers/push.js";
import { onRepositoryCreated } from "./handlers/repository-created.js";
import { onRepositoryChanged, onRepositoryTransferred } from "./handlers/repository-lifecycle.js";

export function createApp(deps: AppDeps): ApplicationFunction {
  return (app) => {
    app.on("repository.created", onRepositoryCreated(deps));
    app.on(
      [
        "repository.renamed",
        "repository.archived",
        "repository.unarchived",
        "repository.privatized",
        "repository.publicized",
        "repository.deleted",
      ],
      onRepositoryChanged(deps),
    );
    app.on("repository.transferred", onRepositoryTransferred(deps));
    app.on("push", onPush(deps));
    app.on("issue_comment.created", onIssueComment(deps));
  };
}
