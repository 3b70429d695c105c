/**
 * Webhook payloads for the events the emulator sends, built from GitHub's example payloads (shapes/templates.ts)
 * and typed with `@octokit/webhooks-types`, so the app parses exactly what GitHub would send it.
 */
import type {
  InstallationLite,
  IssueCommentCreatedEvent,
  IssueCommentDeletedEvent,
  IssueCommentEditedEvent,
  IssuesEditedEvent,
  IssuesOpenedEvent,
  PullRequestClosedEvent,
  PullRequestOpenedEvent,
  PushEvent,
  RepositoryArchivedEvent,
  RepositoryCreatedEvent,
  RepositoryDeletedEvent,
  RepositoryEditedEvent,
  RepositoryRenamedEvent,
  User,
} from "@octokit/webhooks-types";
import { orgShape, userShape } from "../shapes/account.js";
import { commentShape, issueShape, pullShape } from "../shapes/issue.js";
import { iso, repositoryShape } from "../shapes/repository.js";
import { examplesOf } from "../shapes/templates.js";
import type { Urls } from "../shapes/urls.js";
import { commitChanges } from "../state/git.js";
import {
  type Account,
  type Commit,
  fullName,
  type Issue,
  type IssueComment,
  type Repo,
} from "../state/model.js";
import type { Installation } from "../state/store.js";

export type WebhookPayload =
  | RepositoryCreatedEvent
  | RepositoryAdminEvent
  | PushEvent
  | PullRequestOpenedEvent
  | PullRequestClosedEvent
  | IssuesOpenedEvent
  | IssuesEditedEvent
  | IssueCommentCreatedEvent
  | IssueCommentEditedEvent
  | IssueCommentDeletedEvent;

export interface EventContext {
  urls: Urls;
  installation: Installation;
  sender: Account;
  /** Resolves logins (requested reviewers) to accounts. */
  users: (login: string) => Account;
}

function installationLite(installation: Installation): InstallationLite {
  return { id: installation.id, node_id: installation.nodeId };
}

function common(ctx: EventContext, repo: Repo) {
  return {
    repository: repositoryShape(ctx.urls, repo),
    organization: orgShape(ctx.urls, repo.owner),
    sender: userShape(ctx.urls, ctx.sender) as User,
    installation: installationLite(ctx.installation),
  };
}

export function repositoryCreated(ctx: EventContext, repo: Repo): RepositoryCreatedEvent {
  return { action: "created", ...common(ctx, repo) };
}

/**
 * An admin's change to the repository itself (https://docs.github.com/webhooks/webhook-events-and-payloads#repository):
 * the repository as it is after the change, and in `changes` what it was before.
 */
export type RepositoryAdminEvent =
  | RepositoryRenamedEvent
  | RepositoryArchivedEvent
  | RepositoryDeletedEvent
  | RepositoryEditedEvent;

export type RepositoryAdminChange =
  | { action: "renamed"; from: string }
  | { action: "archived" }
  | { action: "deleted" }
  | { action: "default-branch"; from: string };

export function repositoryAdmin(
  ctx: EventContext,
  repo: Repo,
  change: RepositoryAdminChange,
): RepositoryAdminEvent {
  const shared = common(ctx, repo);
  switch (change.action) {
    case "renamed":
      return { action: "renamed", changes: { repository: { name: { from: change.from } } }, ...shared };
    case "archived":
      return { action: "archived", ...shared } as RepositoryArchivedEvent;
    case "deleted":
      return { action: "deleted", ...shared };
    case "default-branch":
      return { action: "edited", changes: { default_branch: { from: change.from } }, ...shared };
  }
}

export interface PushSpec {
  ref: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  /** The commits the push added, oldest first. */
  commits: Commit[];
}

function pushedCommit(ctx: EventContext, repo: Repo, commit: Commit): PushEvent["commits"][number] {
  const author = { name: commit.author.name, email: commit.author.email, username: commit.author.login };
  return {
    id: commit.oid,
    tree_id: commit.oid,
    distinct: true,
    message: commit.message,
    timestamp: iso(commit.committedAt),
    url: `${ctx.urls.html}/${fullName(repo)}/commit/${commit.oid}`,
    author,
    committer: author,
    ...commitChanges(repo, commit),
  };
}

export function push(ctx: EventContext, repo: Repo, spec: PushSpec): PushEvent {
  const commits = spec.commits.map((c) => pushedCommit(ctx, repo, c));
  const pusher = structuredClone(examplesOf.push().pusher);
  return {
    ref: spec.ref,
    before: spec.before,
    after: spec.after,
    created: spec.created,
    deleted: spec.deleted,
    forced: false,
    base_ref: null,
    compare: `${ctx.urls.html}/${fullName(repo)}/compare/${spec.before.slice(0, 12)}...${spec.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { ...pusher, name: ctx.sender.login, email: `${ctx.sender.login}@users.noreply.github.com` },
    ...common(ctx, repo),
  };
}

export function pullRequest(
  ctx: EventContext,
  repo: Repo,
  issue: Issue,
  action: "opened" | "closed",
): PullRequestOpenedEvent | PullRequestClosedEvent {
  // The shapes are the same; the types only narrow `state`/`merged` per action.
  return {
    action,
    number: issue.number,
    pull_request: pullShape(ctx.urls, repo, issue, ctx.users),
    ...common(ctx, repo),
  } as PullRequestOpenedEvent | PullRequestClosedEvent;
}

export function issueOpened(ctx: EventContext, repo: Repo, issue: Issue): IssuesOpenedEvent {
  return {
    action: "opened",
    issue: issueShape(ctx.urls, repo, issue) as IssuesOpenedEvent["issue"],
    ...common(ctx, repo),
  };
}

/** GitHub sends the replaced body in `changes.body.from` (https://docs.github.com/webhooks/webhook-events-and-payloads#issues). */
export function issueEdited(ctx: EventContext, repo: Repo, issue: Issue, from: string): IssuesEditedEvent {
  return {
    action: "edited",
    issue: issueShape(ctx.urls, repo, issue) as IssuesEditedEvent["issue"],
    changes: { body: { from } },
    ...common(ctx, repo),
  } as IssuesEditedEvent;
}

/** What happened to the comment; an edit carries the body it replaced. */
export type CommentChange =
  | { action: "created" }
  | { action: "edited"; from: string }
  | { action: "deleted" };

export function issueComment(
  ctx: EventContext,
  repo: Repo,
  issue: Issue,
  comment: IssueComment,
  change: CommentChange,
): IssueCommentCreatedEvent | IssueCommentEditedEvent | IssueCommentDeletedEvent {
  const shared = {
    issue: issueShape(ctx.urls, repo, issue) as IssueCommentCreatedEvent["issue"],
    comment: commentShape(ctx.urls, repo, comment),
    ...common(ctx, repo),
  };
  if (change.action === "edited")
    return { action: "edited", changes: { body: { from: change.from } }, ...shared };
  return { action: change.action, ...shared };
}
