/**
 * The identity mapping one repository should have, derived purely from its immutable ids and the policy.
 *
 * Claims pin `repository_id` and `repository_owner_id` (immutable: a deleted and re-created `acme/app` gets a new
 * id and is NOT admitted) plus `repository` for readability, and `iss` so only GitHub's issuer counts.
 */
import { admittedRefs } from "../config/default-refs.js";
import type { Policy, TokenPolicy } from "../config/policy-schema.js";
import type { RepoFacts } from "../github/repo-facts.js";
import type { ClaimValue, IdentityMapping, TokenSpec } from "../jfrog/types.js";

/** Written at the start of every description: the app only ever changes or deletes mappings that carry it. */
export const OWNERSHIP_MARKER = "[jfrog-oidc-rollout]";

export type MappingRepo = Pick<RepoFacts, "id" | "ownerId" | "fullName" | "defaultBranch">;

/** Derived from ids only, so a rename or transfer keeps the same mapping. */
export function mappingName(ownerId: number, repoId: number): string {
  return `gh-o${ownerId}-r${repoId}`;
}

export function isOwnedByApp(mapping: Pick<IdentityMapping, "description">): boolean {
  return mapping.description?.startsWith(OWNERSHIP_MARKER) ?? false;
}

export function desiredMapping(repo: MappingRepo, policy: Policy): IdentityMapping {
  return {
    name: mappingName(repo.ownerId, repo.id),
    description: `${OWNERSHIP_MARKER} GitHub Actions of ${repo.fullName} (repository id ${repo.id}); managed by the jfrog-oidc-rollout app, manual edits are reverted`,
    priority: policy.priority,
    claims: desiredClaims(repo, policy),
    token_spec: tokenSpec(policy.token, policy.projectKey),
  };
}

export function desiredClaims(repo: MappingRepo, policy: Policy): Record<string, ClaimValue> {
  const claims: Record<string, ClaimValue> = {
    iss: policy.provider.issuer,
    repository_id: String(repo.id),
    repository_owner_id: String(repo.ownerId),
    repository: repo.fullName,
  };
  // No `claims.ref` in the policy means the refs the workflow runs on, never "any ref" (see config/default-refs.ts).
  const refs = admittedRefs(policy)?.map((ref) => expandRef(ref, repo));
  if (refs) claims.ref = oneOrMany(refs);
  if (policy.claims.environment) claims.environment = oneOrMany(policy.claims.environment);
  if (policy.claims.pinWorkflow && refs)
    claims.workflow_ref = oneOrMany(refs.map((ref) => `${repo.fullName}/${policy.workflow.path}@${ref}`));
  return claims;
}

function expandRef(ref: string, repo: MappingRepo): string {
  if (ref !== "$default") return ref;
  // An empty repository has no default branch yet; GitHub names the first pushed branch `main` by default,
  // and the mapping is re-planned on that first push anyway.
  return `refs/heads/${repo.defaultBranch?.name ?? "main"}`;
}

/** A single value stays a string: arrays need Artifactory ≥ 7.94.1. */
function oneOrMany(values: string[]): ClaimValue {
  return values.length === 1 ? (values[0] as string) : values;
}

function quoted(names: string[]): string {
  return names.map((n) => `"${n.replaceAll('"', "")}"`).join(",");
}

export function tokenSpec(token: TokenPolicy, projectKey: string | undefined): TokenSpec {
  const spec: TokenSpec = { expires_in: token.expiresIn };
  if (token.scope === "groups") spec.scope = `applied-permissions/groups:${quoted(token.groups ?? [])}`;
  else if (token.scope === "roles")
    spec.scope = `applied-permissions/roles:${projectKey}:${quoted(token.roles ?? [])}`;
  else spec.scope = "applied-permissions/user";
  if (token.username) spec.username = token.username;
  if (token.audience) spec.audience = token.audience;
  return spec;
}
