/**
 * The little git the emulator needs: commits with whole-tree snapshots, revisions (`HEAD`, `main`,
 * `refs/heads/main`, a full oid), path lookups and per-commit changes. Object ids are SHA-1 like git's, so they
 * look and compare like the real thing (blob ids are exactly git's).
 */
import { createHash } from "node:crypto";
import type { Commit, Repo } from "./model.js";

export const ZERO_OID = "0".repeat(40);

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** Git's blob id: `sha1("blob <size>\0<content>")`. */
export function blobOid(text: string): string {
  return sha1(`blob ${Buffer.byteLength(text)}\0${text}`);
}

/** A stable id for a directory listing (not git's tree format, but unique per content). */
export function treeOid(entries: Iterable<[string, string]>): string {
  const lines = [...entries].map(([path, text]) => `${path}\0${blobOid(text)}`).sort();
  return sha1(`tree\0${lines.join("\n")}`);
}

let commitCounter = 0;

export interface NewCommit {
  tree: ReadonlyMap<string, string>;
  parents: string[];
  message: string;
  author: Commit["author"];
  at: Date;
  verified: boolean;
}

export function addCommit(repo: Repo, spec: NewCommit): Commit {
  // The counter keeps two identical commits made in the same millisecond apart, as distinct as git's would be.
  commitCounter += 1;
  const oid = sha1(
    [
      `tree ${treeOid(spec.tree)}`,
      ...spec.parents.map((p) => `parent ${p}`),
      `author ${spec.author.login} ${spec.at.getTime()} #${commitCounter}`,
      "",
      spec.message,
    ].join("\n"),
  );
  const commit: Commit = {
    oid,
    tree: new Map(spec.tree),
    parents: [...spec.parents],
    message: spec.message,
    author: { ...spec.author },
    committedAt: spec.at,
    verified: spec.verified,
  };
  repo.commits.set(oid, commit);
  return commit;
}

/** Applies additions (text) and deletions (null) to a tree. */
export function applyChanges(
  tree: ReadonlyMap<string, string>,
  changes: Record<string, string | null>,
): Map<string, string> {
  const next = new Map(tree);
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) next.delete(path);
    else next.set(path, text);
  }
  return next;
}

/** `HEAD`, a branch (`main` or `refs/heads/main`) or a full commit oid. */
export function resolveRevision(repo: Repo, revision: string): Commit | undefined {
  let oid: string | undefined;
  if (revision === "HEAD") oid = repo.branches.get(repo.defaultBranch);
  else if (revision.startsWith("refs/heads/")) oid = repo.branches.get(revision.slice("refs/heads/".length));
  else if (/^[0-9a-f]{40}$/.test(revision)) oid = revision;
  else oid = repo.branches.get(revision);
  return oid === undefined ? undefined : repo.commits.get(oid);
}

export type PathEntry =
  | { kind: "file"; path: string; text: string }
  | { kind: "dir"; path: string; entries: Array<{ name: string; path: string; kind: "file" | "dir" }> };

/** What lives at `path` in a commit ("" is the root directory). */
export function readPath(commit: Commit, path: string): PathEntry | undefined {
  const clean = path.replace(/^\/+|\/+$/g, "");
  const text = commit.tree.get(clean);
  if (text !== undefined) return { kind: "file", path: clean, text };
  const prefix = clean === "" ? "" : `${clean}/`;
  const children = new Map<string, "file" | "dir">();
  for (const file of commit.tree.keys()) {
    if (!file.startsWith(prefix)) continue;
    const [name = "", ...deeper] = file.slice(prefix.length).split("/");
    children.set(name, deeper.length > 0 ? "dir" : "file");
  }
  if (children.size === 0 && clean !== "") return undefined;
  const entries = [...children]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, kind]) => ({ name, kind, path: `${prefix}${name}` }));
  return { kind: "dir", path: clean, entries };
}

/** Files added, modified and removed by a commit relative to its first parent. */
export function commitChanges(repo: Repo, commit: Commit) {
  const parentOid = commit.parents[0];
  const parent = parentOid ? repo.commits.get(parentOid)?.tree : undefined;
  const before = parent ?? new Map<string, string>();
  const added: string[] = [];
  const modified: string[] = [];
  for (const [path, text] of commit.tree) {
    if (!before.has(path)) added.push(path);
    else if (before.get(path) !== text) modified.push(path);
  }
  const removed = [...before.keys()].filter((path) => !commit.tree.has(path));
  return { added, modified, removed };
}

/** Commits reachable from `oid`, newest first (the order of GitHub's commit list). */
export function history(repo: Repo, oid: string): Commit[] {
  const seen = new Set<string>();
  const out: Commit[] = [];
  const stack = [oid];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const commit = repo.commits.get(next);
    if (!commit) continue;
    out.push(commit);
    stack.push(...commit.parents);
  }
  // Ties (same millisecond) keep discovery order, which walks from the tip.
  return out
    .map((commit, index) => ({ commit, index }))
    .sort((a, b) => b.commit.committedAt.getTime() - a.commit.committedAt.getTime() || a.index - b.index)
    .map(({ commit }) => commit);
}
