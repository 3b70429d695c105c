/**
 * Issues themselves: list a repository's issues, open one, edit one's title or body (the dashboard issue lives in
 * the org's `.github` repository). Like GitHub, the list holds pull requests too (each with `pull_request`), newest
 * first, paged with a `Link` header; an edit that changes the body announces `issues.edited`.
 */
import { json } from "../../shared/http.js";
import { notFound } from "../errors.js";
import { issueShape } from "../shapes/issue.js";
import type { Issue } from "../state/model.js";
import { objectBody, optionalString, pathNumber, requiredString } from "./body.js";
import { actorOf, type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = {
  list: "https://docs.github.com/rest/issues/issues#list-repository-issues",
  create: "https://docs.github.com/rest/issues/issues#create-an-issue",
  update: "https://docs.github.com/rest/issues/issues#update-an-issue",
};

function listIssues(ctx: RestContext) {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const creator = ctx.query.get("creator")?.toLowerCase();
  const issues = [...repo.issues.values()]
    .filter((i) => state === "all" || i.state === state)
    .filter((i) => creator === undefined || i.user.login.toLowerCase() === creator)
    .sort((a, b) => b.number - a.number);
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(issues.length / perPage));
  const base = `${ctx.core.urls.api}/repos/${repo.owner.login}/${repo.name}/issues?state=${state}&per_page=${perPage}`;
  const headers = page < last ? { link: `<${base}&page=${page + 1}>; rel="next"` } : undefined;
  return json(
    200,
    issues.slice((page - 1) * perPage, page * perPage).map((i) => issueShape(ctx.core.urls, repo, i)),
    headers,
  );
}

function createIssue(ctx: RestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const title = requiredString(body, "title", ctx.docs);
  const issue = ctx.core.ops.openIssue(
    repo,
    { title, body: optionalString(body, "body", ctx.docs) ?? "" },
    actorOf(ctx),
  );
  return json(201, issueShape(ctx.core.urls, repo, issue));
}

function updateIssue(ctx: RestContext) {
  const repo = repoOf(ctx);
  const number = pathNumber(ctx.params.issue_number);
  const issue: Issue | undefined = number === undefined ? undefined : repo.issues.get(number);
  if (!issue || issue.pull) return notFound(ctx.docs);
  const body = objectBody(ctx.body, ctx.docs);
  const title = optionalString(body, "title", ctx.docs);
  if (title !== undefined) issue.title = title;
  const text = optionalString(body, "body", ctx.docs);
  if (text !== undefined) ctx.core.ops.editIssueBody(repo, issue, text, actorOf(ctx));
  return json(200, issueShape(ctx.core.urls, repo, issue));
}

export const issueBodyRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/issues",
    docs: DOCS.list,
    auth: "installation",
    permissions: [["issues", "read"]],
    handle: listIssues,
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/issues",
    docs: DOCS.create,
    auth: "installation",
    permissions: [["issues", "write"]],
    content: true,
    body: true,
    handle: createIssue,
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/issues/{issue_number}",
    docs: DOCS.update,
    auth: "installation",
    permissions: [["issues", "write"]],
    content: true,
    body: true,
    handle: updateIssue,
  },
];
