/**
 * The secondary limit at the door of every content-generating request (REST writes and GraphQL mutations):
 * admitted requests count for the repository, refused ones get GitHub's 403 with `retry-after`.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
import type { HttpResponse } from "../shared/http.js";
import type { Core } from "./core.js";
import { githubError, SECONDARY_LIMIT_DOCS, SECONDARY_LIMIT_MESSAGE } from "./errors.js";
import type { Installation } from "./state/store.js";

/** Undefined when admitted; otherwise the answer to send. The installation is the actor the limit counts. */
export function admitContent(
  core: Core,
  installation: Installation,
  repository: string | undefined,
): HttpResponse | undefined {
  const decision = core.budget.take(`installation:${installation.id}`);
  if (decision.ok) {
    if (repository) core.usage.count(repository, "contentRequests");
    return undefined;
  }
  if (repository) core.usage.count(repository, "rateLimited");
  return githubError(403, SECONDARY_LIMIT_MESSAGE, {
    docs: SECONDARY_LIMIT_DOCS,
    headers: { "retry-after": String(decision.retryAfterSeconds) },
  });
}
