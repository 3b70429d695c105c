/** Who may do what: a user's permission on a repository, and their membership of an organization. */

import { json } from "../../shared/http.js";
import { notFound } from "../errors.js";
import { orgShape, userShape } from "../shapes/account.js";
import type { Account, Repo, RepoRole } from "../state/model.js";
import { type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = {
  permission:
    "https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user",
  membership: "https://docs.github.com/rest/orgs/members#get-organization-membership-for-a-user",
};

/** Org owners are admins everywhere; then explicit collaborator access; members get the org's base `read`. */
function roleOf(repo: Repo, user: Account): RepoRole | "none" {
  const login = user.login.toLowerCase();
  const explicit = repo.collaborators.get(login);
  const membership = repo.owner.members.get(login);
  if (membership === "admin") return "admin";
  return explicit ?? (membership ? "read" : "none");
}

/**
 * `permission` is the legacy base role (`maintain` reads as `write`, `triage` as `read`); `role_name` is the
 * role itself (https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user).
 */
const LEGACY_PERMISSION: Record<RepoRole | "none", string> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
};

function collaboratorPermission(ctx: RestContext) {
  const repo = repoOf(ctx);
  const user = ctx.core.store.account(ctx.params.username ?? "");
  if (!user || user.type === "Organization") return notFound(ctx.docs);
  const role = roleOf(repo, user);
  return json(200, {
    permission: LEGACY_PERMISSION[role],
    role_name: role,
    user: userShape(ctx.core.urls, user),
  });
}

function orgMembership(ctx: RestContext) {
  const org = ctx.org;
  const user = ctx.core.store.account(ctx.params.username ?? "");
  const role = user && org?.members.get(user.login.toLowerCase());
  if (!org || !user || !role) return notFound(ctx.docs);
  const { urls } = ctx.core;
  return json(200, {
    url: `${urls.api}/orgs/${org.login}/memberships/${user.login}`,
    state: "active",
    role,
    organization_url: `${urls.api}/orgs/${org.login}`,
    organization: orgShape(urls, org),
    user: userShape(urls, user),
  });
}

export const peopleRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/collaborators/{username}/permission",
    docs: DOCS.permission,
    auth: "installation",
    permissions: [["metadata", "read"]],
    handle: collaboratorPermission,
  },
  {
    method: "GET",
    path: "/orgs/{org}/memberships/{username}",
    docs: DOCS.membership,
    auth: "installation",
    permissions: [["members", "read"]],
    handle: orgMembership,
  },
];
