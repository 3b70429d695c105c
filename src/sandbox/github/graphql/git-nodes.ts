/**
 * Git objects as GraphQL nodes: `Commit`, `Tree`, `Blob` (the `GitObject` interface resolves by `__typename`) and
 * `Ref`. Node objects are plain values and methods named like the schema's fields; a method gets the field's
 * arguments. Expressions follow git's `<rev>:<path>` (`HEAD:`, `main:README.md`, `refs/heads/x:a/b.yml`).
 */

import type { Urls } from "../shapes/urls.js";
import { blobOid, readPath, resolveRevision, treeOid } from "../state/git.js";
import { type Commit, fullName, type Repo } from "../state/model.js";

const short = (oid: string) => oid.slice(0, 7);

function blobNode(repo: Repo, path: string, text: string) {
  const oid = blobOid(text);
  return {
    __typename: "Blob",
    id: `B_${Buffer.from(`${repo.id}:${oid}`).toString("base64url")}`,
    oid,
    abbreviatedOid: short(oid),
    byteSize: Buffer.byteLength(text),
    text,
    isBinary: false,
    isTruncated: false,
    path,
  };
}

function treeNode(repo: Repo, commit: Commit, path: string) {
  const entry = readPath(commit, path);
  if (entry?.kind !== "dir") return null;
  const prefix = path === "" ? "" : `${path}/`;
  const oid = treeOid([...commit.tree].filter(([p]) => p.startsWith(prefix)));
  return {
    __typename: "Tree",
    id: `T_${Buffer.from(`${repo.id}:${oid}`).toString("base64url")}`,
    oid,
    abbreviatedOid: short(oid),
    entries: entry.entries.map((e) => {
      const text = commit.tree.get(e.path);
      return {
        name: e.name,
        path: e.path,
        type: e.kind === "file" ? "blob" : "tree",
        mode: e.kind === "file" ? 33188 : 16384,
        oid:
          text === undefined
            ? treeOid([...commit.tree].filter(([p]) => p.startsWith(`${e.path}/`)))
            : blobOid(text),
        extension: e.kind === "file" && e.name.includes(".") ? `.${e.name.split(".").at(-1)}` : "",
        size: text === undefined ? 0 : Buffer.byteLength(text),
        object: () => (text === undefined ? treeNode(repo, commit, e.path) : blobNode(repo, e.path, text)),
      };
    }),
  };
}

export function commitNode(urls: Urls, repo: Repo, commit: Commit) {
  const [headline = "", ...rest] = commit.message.split("\n");
  const at = commit.committedAt.toISOString();
  return {
    __typename: "Commit",
    id: `C_${Buffer.from(`${repo.id}:${commit.oid}`).toString("base64url")}`,
    oid: commit.oid,
    abbreviatedOid: short(commit.oid),
    message: commit.message,
    messageHeadline: headline,
    messageBody: rest.join("\n").trim(),
    committedDate: at,
    authoredDate: at,
    pushedDate: at,
    url: `${urls.html}/${fullName(repo)}/commit/${commit.oid}`,
    commitUrl: `${urls.html}/${fullName(repo)}/commit/${commit.oid}`,
    tree: () => treeNode(repo, commit, ""),
    file: ({ path }: { path: string }) => {
      const text = commit.tree.get(path);
      return text === undefined
        ? null
        : { name: path.split("/").at(-1), path, object: blobNode(repo, path, text) };
    },
  };
}

/** `object(expression:)`: `<rev>` is a commit; `<rev>:<path>` a blob or tree; null when any part is missing. */
export function objectAt(urls: Urls, repo: Repo, expression: string) {
  const colon = expression.indexOf(":");
  const revision = colon < 0 ? expression : expression.slice(0, colon);
  const commit = resolveRevision(repo, revision === "" ? "HEAD" : revision);
  if (!commit) return null;
  if (colon < 0) return commitNode(urls, repo, commit);
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, "");
  const text = commit.tree.get(path);
  return text === undefined ? treeNode(repo, commit, path) : blobNode(repo, path, text);
}

export function refNode(urls: Urls, repo: Repo, branch: string) {
  const oid = repo.branches.get(branch);
  const commit = oid === undefined ? undefined : repo.commits.get(oid);
  if (!commit) return null;
  return {
    __typename: "Ref",
    id: `REF_${Buffer.from(`${repo.id}:${branch}`).toString("base64url")}`,
    name: branch,
    prefix: "refs/heads/",
    target: () => commitNode(urls, repo, commit),
  };
}
