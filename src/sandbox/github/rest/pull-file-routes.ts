/**
 * The files a pull request changes, compared with the base it was opened on (`mergeBase`), as GitHub lists them:
 * paged (`per_page` ≤ 100), each with its status. https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
 */

import { json } from "../../shared/http.js";
import { notFound } from "../errors.js";
import { blobOid } from "../state/git.js";
import { pathNumber } from "./body.js";
import { type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = "https://docs.github.com/rest/pulls/pulls#list-pull-requests-files";

function listPullFiles(ctx: RestContext) {
  const repo = repoOf(ctx);
  const number = pathNumber(ctx.params.pull_number);
  const pull = number === undefined ? undefined : repo.issues.get(number)?.pull;
  if (!pull) return notFound(ctx.docs);
  const before = repo.commits.get(pull.mergeBase)?.tree ?? new Map<string, string>();
  const headOid = repo.branches.get(pull.head);
  const after = (headOid ? repo.commits.get(headOid)?.tree : undefined) ?? before;
  const file = (filename: string, status: string, text: string) => ({
    sha: blobOid(text),
    filename,
    status,
    additions: 0,
    deletions: 0,
    changes: 0,
  });
  const files = [
    ...[...after].flatMap(([path, text]) =>
      before.get(path) === text ? [] : [file(path, before.has(path) ? "modified" : "added", text)],
    ),
    ...[...before].filter(([path]) => !after.has(path)).map(([path, text]) => file(path, "removed", text)),
  ].sort((a, b) => (a.filename < b.filename ? -1 : 1));
  const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 30) || 30, 1), 100);
  const page = Math.max(Number(ctx.query.get("page") ?? 1) || 1, 1);
  return json(200, files.slice((page - 1) * perPage, page * perPage));
}

export const pullFileRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
    docs: DOCS,
    auth: "installation",
    permissions: [["pull_requests", "read"]],
    handle: listPullFiles,
  },
];
