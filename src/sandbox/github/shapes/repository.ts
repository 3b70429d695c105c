/** A repository as GitHub renders it (REST `GET /repos/{owner}/{repo}`, webhook `repository` objects). */
import type { Repository } from "@octokit/webhooks-types";
import { fullName, type Repo } from "../state/model.js";
import { userShape } from "./account.js";
import { examplesOf, retarget } from "./templates.js";
import type { Urls } from "./urls.js";

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export function repositoryShape(urls: Urls, repo: Repo): Repository {
  const template = examplesOf.repositoryCreated().repository;
  const from = template.full_name;
  const to = fullName(repo);
  const host = new URL(urls.html).host;
  const shaped = retarget(template, [
    [`https://api.github.com/repos/${from}`, `${urls.api}/repos/${to}`],
    [`https://github.com/${from}`, `${urls.html}/${to}`],
    [`git://github.com/${from}`, `git://${host}/${to}`],
    [`git@github.com:${from}`, `git@${host}:${to}`],
  ]);
  return {
    ...shaped,
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: to,
    private: repo.visibility !== "public",
    visibility: repo.visibility,
    owner: userShape(urls, repo.owner),
    fork: repo.fork,
    archived: repo.archived,
    default_branch: repo.defaultBranch,
    created_at: iso(repo.createdAt),
    updated_at: iso(repo.createdAt),
    pushed_at: iso(repo.createdAt),
    size: 0,
    has_issues: true,
    open_issues_count: [...repo.issues.values()].filter((i) => i.state === "open").length,
  };
}

export { iso };
