/**
 * Wire types of JFrog Access's OIDC API (`{JFROG_URL}/access/api/v1/oidc…`).
 * Field names are JFrog's (snake_case); see shared/reference/jfrog-access-oidc.md for where sources disagree.
 */

/** `provider_type` wire values. */
export type ProviderType = "GitHub" | "GitHub Enterprise" | "Generic OpenID Connect" | "Azure";

/** An OIDC integration ("provider"): `GET/POST/PUT /access/api/v1/oidc[/{name}]`. */
export interface OidcIntegration {
  name: string;
  issuer_url: string;
  provider_type: ProviderType;
  description?: string;
  /** Documented as informational, yet tokens whose `aud` differs are refused. */
  audience?: string;
  /** GitHub organization; mandatory for GitHub unless `enable_permissive_configuration`. */
  organization?: string;
  project_key?: string;
  use_default_proxy?: boolean;
  enable_permissive_configuration?: boolean;
}

/** A claim value: arrays mean "any of" (Artifactory ≥ 7.94.1); strings may hold `*` wildcards. */
export type ClaimValue = string | number | Array<string | number>;

export interface TokenSpec {
  /** e.g. `applied-permissions/groups:"readers"`, `applied-permissions/user`, `applied-permissions/roles:proj:"Developer"`. */
  scope?: string;
  username?: string;
  username_pattern?: string;
  groups_pattern?: string;
  /** Space-separated service ids; JFrog's default is `*@*`. */
  audience?: string;
  /** Seconds. */
  expires_in?: number;
}

/** Every field of a token spec, in JFrog's (and its Terraform provider's) order. */
export const TOKEN_SPEC_FIELDS = [
  "scope",
  "username",
  "username_pattern",
  "groups_pattern",
  "audience",
  "expires_in",
] as const satisfies ReadonlyArray<keyof TokenSpec>;

/** An identity mapping: `/access/api/v1/oidc/{provider}/identity_mappings[/{name}]`. */
export interface IdentityMapping {
  name: string;
  description?: string;
  provider_name?: string;
  /** LOWER is evaluated first; omitted means lowest. */
  priority?: number;
  claims: Record<string, ClaimValue>;
  token_spec: TokenSpec;
  /** Echoed in responses for project mappings; ignored on input (the query parameter decides). */
  project_key?: string;
}

/** JFrog's error body: `{"errors":[{"code":"…","message":"…"}]}` (some endpoints answer text/plain). */
export interface JFrogErrorBody {
  errors: Array<{ code: string; message: string }>;
}
