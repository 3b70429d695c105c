/** Repository metadata, contents, commits and references. */

import { json } from "../../shared/http.js";
import { githubError, notFound } from "../errors.js";
import { commitShape, dirEntryShape, fileShape, refShape } from "../shapes/git.js";
import { repositoryShape } from "../shapes/repository.js";
import { history, readPath, resolveRevision } from "../state/git.js";
import { isEmptyRepo } from "../state/model.js";
import { objectBody, operationMessage, requiredString } from "./body.js";
import { actorOf, type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = {
  repo: "https://docs.github.com/rest/repos/repos#get-a-repository",
  contents: "https://docs.github.com/rest/repos/contents#get-repository-content",
  commits: "https://docs.github.com/rest/commits/commits#list-commits",
  createRef: "https://docs.github.com/rest/git/refs#create-a-reference",
  getRef: "https://docs.github.com/rest/git/refs#get-a-reference",
  updateRef: "https://docs.github.com/rest/git/refs#update-a-reference",
};

/** Every git read of an empty repository answers 409 (https://docs.github.com/rest/git). */
const emptyRepository = (docs: string) => githubError(409, "Git Repository is empty.", { docs });

/** `application/vnd.github.raw` (or the older `.v3.raw`) asks for the file's bytes instead of JSON. */
function wantsRaw(accept: string | undefined): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept ?? "");
}

function getContents(ctx: RestContext) {
  const repo = repoOf(ctx);
  if (isEmptyRepo(repo)) return githubError(404, "This repository is empty.", { docs: ctx.docs });
  const ref = ctx.query.get("ref") ?? repo.defaultBranch;
  const commit = resolveRevision(repo, ref);
  if (!commit) return githubError(404, `No commit found for the ref ${ref}`, { docs: ctx.docs });
  const entry = readPath(commit, ctx.params.path ?? "");
  if (!entry) return notFound(ctx.docs);
  if (entry.kind === "file") {
    if (wantsRaw(ctx.headers.accept))
      return {
        status: 200,
        headers: { "content-type": "application/vnd.github.raw; charset=utf-8" },
        body: entry.text,
      };
    return json(200, fileShape(ctx.core.urls, repo, ref, entry.path, entry.text));
  }
  // A directory is a JSON list whatever the media type (Probot's config plugin relies on this).
  return json(
    200,
    entry.entries.map((e) => dirEntryShape(ctx.core.urls, repo, ref, e, commit.tree.get(e.path))),
  );
}

function listCommits(ctx: RestContext) {
  const repo = repoOf(ctx);
  if (isEmptyRepo(repo)) return emptyRepository(ctx.docs);
  const start = resolveRevision(repo, ctx.query.get("sha") ?? "HEAD");
  if (!start) return githubError(404, "Not Found", { docs: ctx.docs });
  const path = ctx.query.get("path");
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const touches = (oid: string) => {
    if (path === null) return true;
    const commit = repo.commits.get(oid);
    const parent = commit?.parents[0] ? repo.commits.get(commit.parents[0]) : undefined;
    return commit?.tree.get(path) !== parent?.tree.get(path);
  };
  const commits = history(repo, start.oid).filter((c) => touches(c.oid));
  return json(
    200,
    commits.slice((page - 1) * perPage, page * perPage).map((c) => commitShape(ctx.core.urls, repo, c)),
  );
}

function createRef(ctx: RestContext) {
  const repo = repoOf(ctx);
  const body = objectBody(ctx.body, ctx.docs);
  const ref = requiredString(body, "ref", ctx.docs);
  const sha = requiredString(body, "sha", ctx.docs);
  // Tags are not modelled; branches are what the app creates.
  if (!/^refs\/heads\/[^\s~^:?*[\\]+$/.test(ref) || ref.endsWith("/") || ref.includes(".."))
    return githubError(422, "Reference name is invalid", { docs: ctx.docs });
  const branch = ref.slice("refs/heads/".length);
  try {
    ctx.core.ops.createBranch(repo, branch, sha, actorOf(ctx));
  } catch (error) {
    const { kind, message } = operationMessage(error);
    return kind === "empty" ? emptyRepository(ctx.docs) : githubError(422, message, { docs: ctx.docs });
  }
  return json(201, refShape(ctx.core.urls, repo, branch, sha));
}

function updateRef(ctx: RestContext) {
  const repo = repoOf(ctx);
  if (isEmptyRepo(repo)) return emptyRepository(ctx.docs);
  const body = objectBody(ctx.body, ctx.docs);
  const sha = requiredString(body, "sha", ctx.docs);
  const ref = ctx.params.ref ?? "";
  const branch = ref.startsWith("heads/") ? ref.slice("heads/".length) : undefined;
  if (branch === undefined) return githubError(422, "Reference does not exist", { docs: ctx.docs });
  try {
    ctx.core.ops.moveBranch(repo, branch, sha, body.force === true, actorOf(ctx));
  } catch (error) {
    return githubError(422, operationMessage(error).message, { docs: ctx.docs });
  }
  return json(200, refShape(ctx.core.urls, repo, branch, sha));
}

function getRef(ctx: RestContext) {
  const repo = repoOf(ctx);
  if (isEmptyRepo(repo)) return emptyRepository(ctx.docs);
  const ref = ctx.params.ref ?? "";
  const branch = ref.startsWith("heads/") ? ref.slice("heads/".length) : undefined;
  const oid = branch === undefined ? undefined : repo.branches.get(branch);
  if (branch === undefined || oid === undefined) return notFound(ctx.docs);
  return json(200, refShape(ctx.core.urls, repo, branch, oid));
}

const read = [["contents", "read"]] as const;

export const repoRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}",
    docs: DOCS.repo,
    auth: "installation",
    permissions: [["metadata", "read"]],
    handle: (ctx) => json(200, repositoryShape(ctx.core.urls, repoOf(ctx))),
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/contents/{path}",
    docs: DOCS.contents,
    auth: "installation",
    permissions: read,
    handle: getContents,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/commits",
    docs: DOCS.commits,
    auth: "installation",
    permissions: read,
    handle: listCommits,
  },
  {
    method: "POST",
    path: "/repos/{owner}/{repo}/git/refs",
    docs: DOCS.createRef,
    auth: "installation",
    permissions: [["contents", "write"]],
    content: true,
    body: true,
    handle: createRef,
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/git/ref/{ref}",
    docs: DOCS.getRef,
    auth: "installation",
    permissions: read,
    handle: getRef,
  },
  {
    method: "PATCH",
    path: "/repos/{owner}/{repo}/git/refs/{ref}",
    docs: DOCS.updateRef,
    auth: "installation",
    permissions: [["contents", "write"]],
    content: true,
    body: true,
    handle: updateRef,
  },
];
