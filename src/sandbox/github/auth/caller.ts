/** Who is calling, read the same way by REST and GraphQL: the installation a token acts for, and what it may see. */
import type { Core } from "../core.js";
import type { Repo } from "../state/model.js";
import type { GitHubStore, Installation } from "../state/store.js";
import type { InstallationToken } from "./tokens.js";

/** The credential of an `Authorization: Bearer …` or `token …` header (GitHub accepts both schemes). */
export function credential(header: string | undefined): string | undefined {
  return /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
}

export interface InstallationGrant {
  grant: InstallationToken;
  installation: Installation;
}

/** Undefined for an unknown, expired or revoked token, and for a token of a suspended installation. */
export function installationGrant(
  core: Pick<Core, "store" | "tokens">,
  token: string | undefined,
): InstallationGrant | undefined {
  const grant = token === undefined ? undefined : core.tokens.lookup(token);
  const installation = grant && core.store.installations.get(grant.installationId);
  return grant && installation && !installation.suspended ? { grant, installation } : undefined;
}

/** The installation must see the repository, and the token must not have been narrowed to others. */
export function grantSees(
  store: GitHubStore,
  { grant, installation }: InstallationGrant,
  repo: Repo,
): boolean {
  return store.canSee(installation, repo) && (grant.repositoryIds?.has(repo.id) ?? true);
}
