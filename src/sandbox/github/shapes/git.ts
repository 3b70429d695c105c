/** Git objects as the REST API renders them: references, commits (list items) and repository contents. */
import { blobOid } from "../state/git.js";
import { type Commit, fullName, type Repo } from "../state/model.js";
import { iso } from "./repository.js";
import type { Urls } from "./urls.js";

export function refShape(urls: Urls, repo: Repo, branch: string, oid: string) {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  return {
    ref: `refs/heads/${branch}`,
    node_id: `REF_${Buffer.from(`${repo.id}:${branch}`).toString("base64url")}`,
    url: `${api}/git/refs/heads/${branch}`,
    object: { sha: oid, type: "commit", url: `${api}/git/commits/${oid}` },
  };
}

export function commitShape(urls: Urls, repo: Repo, commit: Commit) {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  const person = { name: commit.author.name, email: commit.author.email, date: iso(commit.committedAt) };
  return {
    sha: commit.oid,
    node_id: `C_${Buffer.from(commit.oid).toString("base64url").slice(0, 20)}`,
    commit: {
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: commit.oid, url: `${api}/git/trees/${commit.oid}` },
      url: `${api}/git/commits/${commit.oid}`,
      comment_count: 0,
      verification: {
        verified: commit.verified,
        reason: commit.verified ? "valid" : "unsigned",
        signature: null,
        payload: null,
        verified_at: commit.verified ? iso(commit.committedAt) : null,
      },
    },
    url: `${api}/commits/${commit.oid}`,
    html_url: `${urls.html}/${fullName(repo)}/commit/${commit.oid}`,
    comments_url: `${api}/commits/${commit.oid}/comments`,
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${urls.html}/${fullName(repo)}/commit/${sha}`,
    })),
  };
}

function entryLinks(urls: Urls, repo: Repo, ref: string, path: string, sha: string, kind: "file" | "dir") {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const html = `${urls.html}/${fullName(repo)}/${kind === "file" ? "blob" : "tree"}/${ref}/${path}`;
  const git = `${api}/git/${kind === "file" ? "blobs" : "trees"}/${sha}`;
  return {
    url: self,
    html_url: html,
    git_url: git,
    download_url: kind === "file" ? `${urls.html}/${fullName(repo)}/raw/${ref}/${path}` : null,
    _links: { self, git, html },
  };
}

/** GitHub wraps base64 content at 60 characters. */
function wrapped(text: string): string {
  const lines =
    Buffer.from(text)
      .toString("base64")
      .match(/.{1,60}/g) ?? [];
  return `${lines.join("\n")}\n`;
}

export function fileShape(urls: Urls, repo: Repo, ref: string, path: string, text: string) {
  const sha = blobOid(text);
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(text),
    name: path.split("/").at(-1) ?? path,
    path,
    content: wrapped(text),
    sha,
    ...entryLinks(urls, repo, ref, path, sha, "file"),
  };
}

export function dirEntryShape(
  urls: Urls,
  repo: Repo,
  ref: string,
  entry: { name: string; path: string; kind: "file" | "dir" },
  text: string | undefined,
) {
  const sha = text === undefined ? blobOid(entry.path) : blobOid(text);
  return {
    type: entry.kind,
    size: text === undefined ? 0 : Buffer.byteLength(text),
    name: entry.name,
    path: entry.path,
    sha,
    ...entryLinks(urls, repo, ref, entry.path, sha, entry.kind),
  };
}
