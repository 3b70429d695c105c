/**
 * Issues and pull requests through the issues API: read, labels, comments and reactions to comments, plus the
 * repository's labels. A pull request is an issue here too; acting on one needs `issues` or `pull_requests`
 * permission, on a plain issue `issues`.
 */

import { json } from "../../shared/http.js";
import { allows } from "../auth/permissions.js";
import { notAccessible, notFound, validationFailed } from "../errors.js";
import { commentShape, issueShape, labelShape, REACTIONS, reactionShape } from "../shapes/issue.js";
import type { AccessLevel, Issue, IssueComment, Label, Repo } from "../state/model.js";
import { fail, objectBody, optionalString, pathNumber, requiredString } from "./body.js";
import { actorOf, type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = {
  issue: "https://docs.github.com/rest/issues/issues#get-an-issue",
  addLabels: "https://docs.github.com/rest/issues/labels#add-labels-to-an-issue",
  listComments: "https://docs.github.com/rest/issues/comments#list-issue-comments",
  addComment: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
  listReactions: "https://docs.github.com/rest/reactions/reactions#list-reactions-for-an-issue-comment",
  addReaction: "https://docs.github.com/rest/reactions/reactions#create-reaction-for-an-issue-comment",
  listLabels: "https://docs.github.com/rest/issues/labels#list-labels-for-a-repository",
  createLabel: "https://docs.github.com/rest/issues/labels#create-a-label",
  getLabel: "https://docs.github.com/rest/issues/labels#get-a-label",
  deleteLabel: "https://docs.github.com/rest/issues/labels#delete-a-label",
};

/** GitHub's default color for a label created on the fly. */
const DEFAULT_COLOR = "ededed";

/** A plain issue needs `issues` permission; the route already admitted `pull_requests` for pull requests. */
function checkIssuePermission(ctx: RestContext, issue: Issue, level: AccessLevel): void {
  if (issue.pull || ctx.caller.kind !== "installation") return;
  if (!allows(ctx.caller.grant.permissions, "issues", level)) fail(notAccessible(ctx.docs));
}

function findIssue(ctx: RestContext, level: AccessLevel): Issue {
  const number = pathNumber(ctx.params.issue_number);
  const issue = number === undefined ? undefined : repoOf(ctx).issues.get(number);
  if (!issue) fail(notFound(ctx.docs));
  checkIssuePermission(ctx, issue, level);
  return issue;
}

function findComment(ctx: RestContext, level: AccessLevel): { issue: Issue; comment: IssueComment } {
  const repo = repoOf(ctx);
  const id = pathNumber(ctx.params.comment_id);
  const comment = repo.comments.find((c) => c.id === id);
  const issue = comment && repo.issues.get(comment.issueNumber);
  if (!comment || !issue) fail(notFound(ctx.docs));
  checkIssuePermission(ctx, issue, level);
  return { issue, comment };
}

function ensureLabel(ctx: RestContext, repo: Repo, name: string): Label {
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  const label: Label = { id: ctx.core.store.nextId("label"), name, color: DEFAULT_COLOR, description: null };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}

/** The body may be `{labels: [...]}` or the array itself; entries are names or `{name}` objects. */
function labelNames(ctx: RestContext): string[] {
  const raw = Array.isArray(ctx.body) ? ctx.body : objectBody(ctx.body, ctx.docs).labels;
  const names = Array.isArray(raw)
    ? raw.map((l: unknown) => (typeof l === "string" ? l : (l as { name?: unknown } | null)?.name))
    : undefined;
  if (!names || names.some((n) => typeof n !== "string" || n.trim() === ""))
    fail(validationFailed([{ resource: "Label", field: "name", code: "invalid" }], ctx.docs));
  return names as string[];
}

function addLabels(ctx: RestContext) {
  const repo = repoOf(ctx);
  const issue = findIssue(ctx, "write");
  for (const name of labelNames(ctx)) {
    const label = ensureLabel(ctx, repo, name);
    if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase()))
      issue.labels.push(label.name);
  }
  return json(
    200,
    issue.labels.flatMap((name) => {
      const label = repo.labels.get(name.toLowerCase());
      return label ? [labelShape(ctx.core.urls, repo, label)] : [];
    }),
  );
}

function addComment(ctx: RestContext) {
  const repo = repoOf(ctx);
  const issue = findIssue(ctx, "write");
  const body = requiredString(objectBody(ctx.body, ctx.docs), "body", ctx.docs);
  const comment = ctx.core.ops.addComment(repo, issue, body, actorOf(ctx));
  return json(201, commentShape(ctx.core.urls, repo, comment));
}

function addReaction(ctx: RestContext) {
  const { comment } = findComment(ctx, "write");
  const content = requiredString(objectBody(ctx.body, ctx.docs), "content", ctx.docs);
  if (!(REACTIONS as readonly string[]).includes(content))
    return validationFailed([{ resource: "Reaction", field: "content", code: "invalid" }], ctx.docs);
  const actor = actorOf(ctx);
  const existing = comment.reactions.find((r) => r.content === content && r.user.id === actor.id);
  if (existing) return json(200, reactionShape(ctx.core.urls, existing));
  const reaction = { id: ctx.core.store.nextId("reaction"), content, user: actor, createdAt: ctx.core.now() };
  comment.reactions.push(reaction);
  return json(201, reactionShape(ctx.core.urls, reaction));
}

function createLabel(ctx: RestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const name = requiredString(body, "name", ctx.docs);
  if (repo.labels.has(name.toLowerCase()))
    return validationFailed([{ resource: "Label", code: "already_exists", field: "name" }], ctx.docs);
  const color = (optionalString(body, "color", ctx.docs) ?? DEFAULT_COLOR).replace(/^#/, "");
  if (!/^[0-9a-fA-F]{6}$/.test(color))
    return validationFailed([{ resource: "Label", code: "invalid", field: "color" }], ctx.docs);
  const label: Label = {
    id: ctx.core.store.nextId("label"),
    name,
    color,
    description: optionalString(body, "description", ctx.docs) ?? null,
  };
  repo.labels.set(name.toLowerCase(), label);
  return json(201, labelShape(ctx.core.urls, repo, label));
}

const either = (level: AccessLevel) =>
  [
    ["issues", level],
    ["pull_requests", level],
  ] as const;

export const issueRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}",
    docs: DOCS.issue,
    auth: "installation",
    permissions: either("read"),
    handle: (ctx) => json(200, issueShape(ctx.core.urls, repoOf(ctx), findIssue(ctx, "read"))),
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/labels",
    docs: DOCS.addLabels,
    auth: "installation",
    permissions: either("write"),
    content: true,
    body: true,
    handle: addLabels,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    docs: DOCS.listComments,
    auth: "installation",
    permissions: either("read"),
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const issue = findIssue(ctx, "read");
      const comments = repo.comments.filter((c) => c.issueNumber === issue.number);
      return json(
        200,
        comments.map((c) => commentShape(ctx.core.urls, repo, c)),
      );
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    docs: DOCS.addComment,
    auth: "installation",
    permissions: either("write"),
    content: true,
    body: true,
    handle: addComment,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    docs: DOCS.listReactions,
    auth: "installation",
    permissions: either("read"),
    handle: (ctx) => {
      const { comment } = findComment(ctx, "read");
      const content = ctx.query.get("content");
      const reactions = comment.reactions.filter((r) => content === null || r.content === content);
      return json(
        200,
        reactions.map((r) => reactionShape(ctx.core.urls, r)),
      );
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    docs: DOCS.addReaction,
    auth: "installation",
    permissions: either("write"),
    content: true,
    body: true,
    handle: addReaction,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/labels",
    docs: DOCS.listLabels,
    auth: "installation",
    permissions: either("read"),
    handle: (ctx) => {
      const repo = repoOf(ctx);
      return json(
        200,
        [...repo.labels.values()].map((l) => labelShape(ctx.core.urls, repo, l)),
      );
    },
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/labels",
    docs: DOCS.createLabel,
    auth: "installation",
    permissions: either("write"),
    content: true,
    body: true,
    handle: createLabel,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/labels/{name}",
    docs: DOCS.getLabel,
    auth: "installation",
    permissions: either("read"),
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const label = repo.labels.get((ctx.params.name ?? "").toLowerCase());
      return label ? json(200, labelShape(ctx.core.urls, repo, label)) : notFound(ctx.docs);
    },
  },
  {
    method: "DELETE",
    path: "/repos/{owner}/{repo}/labels/{name}",
    docs: DOCS.deleteLabel,
    auth: "installation",
    permissions: either("write"),
    content: true,
    handle: (ctx) => {
      const repo = repoOf(ctx);
      const key = (ctx.params.name ?? "").toLowerCase();
      if (!repo.labels.delete(key)) return notFound(ctx.docs);
      // Deleting a label takes it off every issue and pull request too.
      for (const issue of repo.issues.values())
        issue.labels = issue.labels.filter((l) => l.toLowerCase() !== key);
      return { status: 204 };
    },
  },
];
