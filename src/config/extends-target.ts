/**
 * Where an `_extends` value points, in the syntax of Probot's config plugin: `repo`, `owner/repo`, or either with
 * `:path/to/file.yml` (https://github.com/probot/octokit-plugin-config#extends). The owner defaults to the org,
 * the path to the policy's own path. A path must stay inside the repository: `..`, `.` and empty segments are
 * refused, since the contents API resolves them against the URL and could read another repository's file.
 */
import type { FileAt } from "./read-repo-file.js";

const LOGIN = /^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const PATH_SEGMENT = /^[A-Za-z0-9._-]+$/;

export function extendsTarget(value: unknown, org: string, defaultPath: string): FileAt | string {
  if (typeof value !== "string")
    return "must be a string such as `repo`, `owner/repo` or `owner/repo:path.yml`";
  const [location = "", path, ...extra] = value.split(":");
  const parts = location.split("/");
  if (extra.length > 0 || parts.length > 2) return `${JSON.stringify(value)} is not \`[owner/]repo[:path]\``;
  const [owner, repo] = parts.length === 2 ? parts : [org, parts[0]];
  if (!owner || !LOGIN.test(owner)) return `${JSON.stringify(value)} does not name a GitHub owner`;
  if (!repo || !REPO.test(repo) || repo === "." || repo === "..")
    return `${JSON.stringify(value)} does not name a repository`;
  if (path === undefined) return { owner, repo, path: defaultPath };
  const segments = path.split("/");
  if (segments.some((s) => !PATH_SEGMENT.test(s) || s === "." || s === ".."))
    return `${JSON.stringify(value)}: the path must stay inside the repository (no "..", "." or empty segments)`;
  if (!/\.ya?ml$/.test(path)) return `${JSON.stringify(value)}: the path must name a .yml or .yaml file`;
  return { owner, repo, path };
}

export function sameFile(a: FileAt, b: FileAt): boolean {
  const lower = (f: FileAt) => `${f.owner}/${f.repo}:${f.path}`.toLowerCase();
  return lower(a) === lower(b);
}
