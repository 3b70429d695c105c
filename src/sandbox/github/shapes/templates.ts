/**
 * GitHub's own example payloads (`@octokit/webhooks-examples`) as templates: every object the emulator returns
 * or sends starts as one of these, so it carries every field real GitHub sends, then gets the emulator's values.
 */
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import type {
  IssueCommentCreatedEvent,
  PullRequestClosedEvent,
  PushEvent,
  RepositoryCreatedEvent,
} from "@octokit/webhooks-types";

type Example = { name: string; examples: Array<Record<string, unknown>> };

function example<T>(event: string, pick: (e: Record<string, unknown>) => boolean): T {
  const found = (examples as Example[]).find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${event} example`);
  return found as T;
}

const withInstallation = (e: Record<string, unknown>) => e.installation !== undefined;

/** Fresh deep copies on every call: callers mutate them freely. */
export const templates = {
  repositoryCreated: () =>
    structuredClone(
      example<RepositoryCreatedEvent>("repository", (e) => e.action === "created" && withInstallation(e)),
    ),
  push: () =>
    structuredClone(
      example<PushEvent>(
        "push",
        (e) => withInstallation(e) && Array.isArray(e.commits) && e.commits.length > 0,
      ),
    ),
  pullRequestClosed: () =>
    structuredClone(
      example<PullRequestClosedEvent>("pull_request", (e) => e.action === "closed" && withInstallation(e)),
    ),
  issueCommentCreated: () =>
    structuredClone(
      example<IssueCommentCreatedEvent>(
        "issue_comment",
        (e) => e.action === "created" && withInstallation(e),
      ),
    ),
};

/** Replaces each `from` with its `to` in every string of a JSON value (URLs of the example's repository). */
export function retarget<T>(value: T, pairs: ReadonlyArray<readonly [string, string]>): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === "string" ? pairs.reduce((text, [from, to]) => text.split(from).join(to), v) : v,
  ) as T;
}
