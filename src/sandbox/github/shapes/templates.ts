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

/** Found once: the examples file is large, and a 10,000-repository bench shapes hundreds of thousands of objects. */
function example<T>(event: string, pick: (e: Record<string, unknown>) => boolean): () => T {
  let found: T | undefined;
  return () => {
    found ??= (examples as Example[]).find((e) => e.name === event)?.examples.find(pick) as T | undefined;
    if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${event} example`);
    return found;
  };
}

const withInstallation = (e: Record<string, unknown>) => e.installation !== undefined;

/** The examples themselves, shared: read them, or copy them (`retarget` returns a copy), never mutate them. */
export const examplesOf = {
  repositoryCreated: example<RepositoryCreatedEvent>(
    "repository",
    (e) => e.action === "created" && withInstallation(e),
  ),
  push: example<PushEvent>(
    "push",
    (e) => withInstallation(e) && Array.isArray(e.commits) && e.commits.length > 0,
  ),
  pullRequestClosed: example<PullRequestClosedEvent>(
    "pull_request",
    (e) => e.action === "closed" && withInstallation(e),
  ),
  issueCommentCreated: example<IssueCommentCreatedEvent>(
    "issue_comment",
    (e) => e.action === "created" && withInstallation(e),
  ),
};

/** Fresh deep copies on every call: callers mutate them freely. */
export const templates = {
  repositoryCreated: () => structuredClone(examplesOf.repositoryCreated()),
  push: () => structuredClone(examplesOf.push()),
  pullRequestClosed: () => structuredClone(examplesOf.pullRequestClosed()),
  issueCommentCreated: () => structuredClone(examplesOf.issueCommentCreated()),
};

/**
 * A copy of a JSON value with each `from` replaced by its `to` in every string (URLs of the example's
 * repository). Replaced in the JSON text at once: the `from`s are URLs and ids, which no key of GitHub's payloads
 * contains; both sides are JSON-escaped so the text stays valid.
 */
export function retarget<T>(value: T, pairs: ReadonlyArray<readonly [string, string]>): T {
  const escaped = (text: string) => JSON.stringify(text).slice(1, -1);
  let text = JSON.stringify(value);
  for (const [from, to] of pairs) text = text.split(escaped(from)).join(escaped(to));
  return JSON.parse(text) as T;
}
