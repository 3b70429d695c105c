/** Who may do what: a user's permission on a repository, and their membership of an organization. */
import { notFound } from "../errors.js";
import { orgShape, userShape } from "../shapes/account.js";
import type { AccessLevel, Account, Repo } from "../state/model.js";
import { json, type RestContext, type RestRoute, repoOf } from "./route.js";

const DOCS = {
  permission:
    "https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user",
  membership: "https://docs.github.com/rest/orgs/members#get-organization-membership-for-a-user",
};

/** Explicit collaborator access first; org owners are admins everywhere; members get the org's base `read`. */
function permissionOf(repo: Repo, user: Account): AccessLevel | "none" {
  const login = user.login.toLowerCase();
  const explicit = repo.collaborators.get(login);
  const role = repo.owner.members.get(login);
  if (role === "admin") return "admin";
  return explicit ?? (role ? "read" : "none");
}

function collaboratorPermission(ctx: RestContext) {
  const repo = repoOf(ctx);
  const user = ctx.core.store.account(ctx.params.username ?? "");
  if (!user || user.type === "Organization") return notFound(ctx.docs);
  const permission = permissionOf(repo, user);
  return json(200, { permission, role_name: permission, user: userShape(ctx.core.urls, user) });
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
