/** What every resolver gets: the emulator, the caller's installation token, and the request's bookkeeping. */
import type { HttpResponse } from "../../shared/http.js";
import { grantSees, type InstallationGrant } from "../auth/caller.js";
import { allows } from "../auth/permissions.js";
import type { Core } from "../core.js";
import { type AccessLevel, fullName, type Repo } from "../state/model.js";
import { TypedGraphQLError } from "./errors.js";

export interface GraphQLContext extends InstallationGrant {
  core: Core;
  /** `owner/name` of every repository the request read or wrote, for per-repository accounting. */
  touched: Set<string>;
  /** Set when a mutation hit the secondary limit: the whole request is answered with it (HTTP 403). */
  refused?: HttpResponse;
}

export function notFoundRepository(nameWithOwner: string): TypedGraphQLError {
  return new TypedGraphQLError(
    "NOT_FOUND",
    `Could not resolve to a Repository with the name '${nameWithOwner}'.`,
  );
}

/** The repository if the caller may see it; GitHub does not tell "missing" from "not yours". */
export function visibleRepo(ctx: GraphQLContext, owner: string, name: string): Repo {
  const repo = ctx.core.store.repo(owner, name);
  if (!repo || !grantSees(ctx.core.store, ctx, repo)) throw notFoundRepository(`${owner}/${name}`);
  ctx.touched.add(fullName(repo));
  return repo;
}

export function requirePermission(ctx: GraphQLContext, name: string, level: AccessLevel): void {
  if (!allows(ctx.grant.permissions, name, level))
    throw new TypedGraphQLError("FORBIDDEN", "Resource not accessible by integration");
}
