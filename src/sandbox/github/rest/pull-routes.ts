/**
 * Pull requests: open (one open PR per head and base, never from a missing branch), list, read, update or close,
 * and request reviewers (collaborators and org teams only).
 */

import { json } from "../../shared/http.js";
import { githubError, missingField, notFound, validationFailed } from "../errors.js";
import { pullShape } from "../shapes/issue.js";
import type { Account, Issue, Pull, Repo } from "../state/model.js";
import {
  fail,
  objectBody,
  operationMessage,
  optionalBoolean,
  optionalString,
  optionalStrings,
  pathNumber,
  requiredString,
} from "./body.js";
import { actorOf, type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = {
  create: "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
  list: "https://docs.github.com/rest/pulls/pulls#list-pull-requests",
  get: "https://docs.github.com/rest/pulls/pulls#get-a-pull-request",
  update: "https://docs.github.com/rest/pulls/pulls#update-a-pull-request",
  reviewers: "https://docs.github.com/rest/reference/pulls#request-reviewers-for-a-pull-request",
};

function users(ctx: RestContext) {
  return (login: string): Account => ctx.core.store.addUser(login);
}

function shape(ctx: RestContext, repo: Repo, issue: Issue) {
  return pullShape(ctx.core.urls, repo, issue, users(ctx));
}

/** `head` may name the owner: `acme:feature`. Forks are not modelled, so the owner must be the repository's. */
function headBranch(repo: Repo, head: string): string | undefined {
  const [owner, branch] = head.includes(":") ? head.split(":", 2) : [repo.owner.login, head];
  return owner?.toLowerCase() === repo.owner.login.toLowerCase() ? branch : undefined;
}

function findPull(ctx: RestContext): { issue: Issue; pull: Pull } {
  const number = pathNumber(ctx.params.pull_number);
  const issue = number === undefined ? undefined : repoOf(ctx).issues.get(number);
  const pull = issue?.pull;
  if (!issue || !pull) return fail(notFound(ctx.docs));
  return { issue, pull };
}

function createPull(ctx: RestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const head = requiredString(body, "head", ctx.docs);
  const base = requiredString(body, "base", ctx.docs);
  const title = optionalString(body, "title", ctx.docs);
  if (title === undefined) fail(missingField("title", ctx.docs));
  const branch = headBranch(repo, head);
  try {
    const issue = ctx.core.ops.openPull(
      repo,
      {
        head: branch ?? head,
        base,
        title: title ?? "",
        body: optionalString(body, "body", ctx.docs) ?? "",
        draft: optionalBoolean(body, "draft", ctx.docs) ?? false,
      },
      actorOf(ctx),
    );
    return json(201, shape(ctx, repo, issue));
  } catch (error) {
    const { kind, message } = operationMessage(error);
    if (kind === "invalid" && (message === "head" || message === "base"))
      return validationFailed([{ resource: "PullRequest", field: message, code: "invalid" }], ctx.docs);
    return validationFailed([{ resource: "PullRequest", code: "custom", message }], ctx.docs);
  }
}

function listPulls(ctx: RestContext) {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  const branch = head === null ? undefined : (headBranch(repo, head) ?? "\0no such branch");
  const pulls = [...repo.issues.values()]
    .filter((i) => i.pull && (state === "all" || i.state === state))
    .filter((i) => branch === undefined || i.pull?.head === branch)
    .filter((i) => base === null || i.pull?.base === base)
    .sort((a, b) => b.number - a.number);
  return json(
    200,
    pulls.map((i) => shape(ctx, repo, i)),
  );
}

function updatePull(ctx: RestContext) {
  const repo = repoOf(ctx);
  const { issue } = findPull(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const title = optionalString(body, "title", ctx.docs);
  const text = optionalString(body, "body", ctx.docs);
  const state = optionalString(body, "state", ctx.docs);
  if (state !== undefined && state !== "open" && state !== "closed")
    return validationFailed([{ resource: "PullRequest", field: "state", code: "invalid" }], ctx.docs);
  if (title !== undefined) issue.title = title;
  if (text !== undefined) issue.body = text;
  if (state === "closed") ctx.core.ops.closePull(repo, issue, actorOf(ctx));
  if (state === "open") {
    try {
      ctx.core.ops.reopenPull(repo, issue);
    } catch (error) {
      const { message } = operationMessage(error);
      return validationFailed([{ resource: "PullRequest", code: "custom", message }], ctx.docs);
    }
  }
  return json(200, shape(ctx, repo, issue));
}

function requestReviewers(ctx: RestContext) {
  const repo = repoOf(ctx);
  const { issue, pull } = findPull(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const reviewers = optionalStrings(body, "reviewers", ctx.docs) ?? [];
  const teams = optionalStrings(body, "team_reviewers", ctx.docs) ?? [];
  if (reviewers.some((r) => r.toLowerCase() === issue.user.login.toLowerCase()))
    return validationFailed(
      [{ code: "custom", message: "Review cannot be requested from pull request author." }],
      ctx.docs,
    );
  const strangers = reviewers.filter(
    (r) => !repo.collaborators.has(r.toLowerCase()) && !repo.owner.members.has(r.toLowerCase()),
  );
  const unknownTeams = teams.filter((t) => !repo.owner.teams.has(t));
  if (strangers.length > 0 || unknownTeams.length > 0)
    return githubError(
      422,
      `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner.login}/${repo.name} repository.`,
      { docs: ctx.docs },
    );
  for (const login of reviewers)
    if (!pull.requestedReviewers.includes(login)) pull.requestedReviewers.push(login);
  for (const slug of teams) if (!pull.requestedTeams.includes(slug)) pull.requestedTeams.push(slug);
  return json(201, shape(ctx, repo, issue));
}

const read = [["pull_requests", "read"]] as const;
const write = [["pull_requests", "write"]] as const;

export const pullRoutes: RestRoute[] = [
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/pulls",
    docs: DOCS.create,
    auth: "installation",
    permissions: write,
    content: true,
    body: true,
    handle: createPull,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls",
    docs: DOCS.list,
    auth: "installation",
    permissions: read,
    handle: listPulls,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}",
    docs: DOCS.get,
    auth: "installation",
    permissions: read,
    handle: (ctx) => json(200, shape(ctx, repoOf(ctx), findPull(ctx).issue)),
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}",
    docs: DOCS.update,
    auth: "installation",
    permissions: write,
    content: true,
    body: true,
    handle: updatePull,
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers",
    docs: DOCS.reviewers,
    auth: "installation",
    permissions: write,
    content: true,
    body: true,
    handle: requestReviewers,
  },
];
