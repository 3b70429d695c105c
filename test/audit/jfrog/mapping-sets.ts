/** Mapping sets for the JFrog-side audit: the app's own mappings next to hand-made ones, as an org really has. */
import type { AuditedRepository } from "../../../src/audit/jfrog/repository-token.js";
import type { IdentityMapping } from "../../../src/jfrog/types.js";

export const ISSUER = "https://token.actions.githubusercontent.com";
export const MARKER = "[jfrog-oidc-rollout]";

export const repositories = (): AuditedRepository[] => [
  { fullName: "acme/api", id: 101, ownerId: 9 },
  { fullName: "acme/web", id: 102, ownerId: 9 },
  { fullName: "acme/legacy", id: 103, ownerId: 9 },
];

const spec = { scope: 'applied-permissions/groups:"ci"', expires_in: 900 };

export function appMapping(repo: AuditedRepository): IdentityMapping {
  return {
    name: `gh-o${repo.ownerId}-r${repo.id}`,
    description: `${MARKER} GitHub Actions of ${repo.fullName}`,
    priority: 100,
    claims: {
      iss: ISSUER,
      repository_id: String(repo.id),
      repository_owner_id: String(repo.ownerId),
      repository: repo.fullName,
    },
    token_spec: { ...spec },
  };
}

export function orgMappings(): IdentityMapping[] {
  const [api, web] = repositories() as [AuditedRepository, AuditedRepository];
  return [
    appMapping(api),
    appMapping(web),
    {
      name: "team-wildcard",
      priority: 10,
      claims: { iss: ISSUER, repository: "acme/*" },
      token_spec: { ...spec },
    },
    {
      name: "ci-admin",
      priority: 200,
      claims: { repository_owner: "acme" },
      token_spec: { scope: "applied-permissions/admin", expires_in: 86_400 },
    },
    {
      name: "legacy-name-pin",
      priority: 50,
      claims: { iss: ISSUER, repository: "acme/legacy" },
      token_spec: { ...spec },
    },
    {
      name: "release-env",
      priority: 5,
      claims: { iss: ISSUER, repository_id: "101", environment: "production" },
      token_spec: { ...spec },
    },
    {
      name: "proj-release",
      priority: 500,
      project_key: "rel",
      claims: { iss: ISSUER, sub: "repo:acme/web:ref:refs/tags/*" },
      token_spec: { scope: 'applied-permissions/roles:rel:"Developer"', expires_in: 900 },
    },
    {
      name: "other-org",
      claims: { repository_owner_id: "77" },
      token_spec: { ...spec },
    },
  ];
}
