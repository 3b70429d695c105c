/**
 * Validates an OIDC integration body as JFrog does (shared/reference/jfrog-access-oidc.md): name pattern from
 * JFrog's Terraform provider, required `issuer_url`/`provider_type`, `organization` mandatory for GitHub unless
 * permissive, no `token_issuer` for GitHub. `issuer_url` is stored exactly as given: no trailing-slash forgiveness.
 */
import type { OidcIntegration, ProviderType } from "../../jfrog/types.js";
import { isJsonObject } from "../shared/http.js";
import { firstProblem, optionalOfType, pick, requiredString, type Validated } from "./validation.js";

/** Generic providers may name a separate token issuer; the wire type does not carry it. */
export type StoredIntegration = OidcIntegration & { token_issuer?: string };

const PROVIDER_TYPES: readonly ProviderType[] = [
  "GitHub",
  "GitHub Enterprise",
  "Generic OpenID Connect",
  "Azure",
];
const NAME = /^[a-z][a-z0-9-]+$/;
const FIELDS = [
  "name",
  "description",
  "issuer_url",
  "provider_type",
  "audience",
  "organization",
  "project_key",
  "use_default_proxy",
  "enable_permissive_configuration",
  "token_issuer",
] as const;

export function isGitHubType(type: ProviderType): boolean {
  return type === "GitHub" || type === "GitHub Enterprise";
}

function checkName(name: string): string | undefined {
  if (name.length <= 255 && NAME.test(name)) return undefined;
  return "oidc_setting Name is not valid: use 2-255 characters, a lowercase letter first, then a-z, 0-9 or '-'";
}

function checkIssuerUrl(value: string): string | undefined {
  try {
    const { protocol } = new URL(value);
    if (protocol === "https:" || protocol === "http:") return undefined;
  } catch {
    // reported below
  }
  return "oidc_setting Issuer URL is not valid: must be an http(s) URL";
}

function checkGitHubRules(body: Record<string, unknown>, type: ProviderType): string | undefined {
  if (!isGitHubType(type)) return undefined;
  if (body.token_issuer !== undefined) return `token_issuer is not allowed for provider_type ${type}`;
  if (body.enable_permissive_configuration === true) return undefined;
  if (typeof body.organization === "string" && body.organization !== "") return undefined;
  return `oidc_setting Organization is not valid: organization is mandatory for provider_type ${type} unless enable_permissive_configuration is true`;
}

export function validateIntegration(body: unknown): Validated<StoredIntegration> {
  if (!isJsonObject(body)) return { ok: false, message: "Request body must be a JSON object" };
  const shapeProblem = firstProblem(
    requiredString(body, "name"),
    requiredString(body, "issuer_url"),
    requiredString(body, "provider_type"),
    ...["description", "audience", "organization", "project_key", "token_issuer"].map((f) =>
      optionalOfType(body, f, "string"),
    ),
    ...["use_default_proxy", "enable_permissive_configuration"].map((f) =>
      optionalOfType(body, f, "boolean"),
    ),
  );
  if (shapeProblem) return { ok: false, message: shapeProblem };
  const type = body.provider_type as ProviderType;
  const problem = firstProblem(
    checkName(body.name as string),
    checkIssuerUrl(body.issuer_url as string),
    PROVIDER_TYPES.includes(type) ? undefined : `provider_type must be one of: ${PROVIDER_TYPES.join(", ")}`,
    checkGitHubRules(body, type),
  );
  if (problem) return { ok: false, message: problem };
  return { ok: true, value: pick<StoredIntegration>(body, FIELDS) };
}
