/**
 * Validates an identity mapping body (shared/reference/jfrog-access-oidc.md): name without spaces or special
 * characters, `claims` an object of string / number / array-of-those values, `priority` an integer ≥ 1,
 * `token_spec.scope` required, `expires_in` at most 86400 s, `username` excluding the patterns.
 * `provider_name` and `project_key` in the body are ignored: the path and the query decide.
 */
import { type IdentityMapping, TOKEN_SPEC_FIELDS, type TokenSpec } from "../../jfrog/types.js";
import { isJsonObject, type JsonObject } from "../shared/http.js";
import { firstProblem, optionalOfType, pick, requiredString, type Validated } from "./validation.js";

const MAX_EXPIRES_IN = 86_400;
const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SCOPE = /^applied-permissions\/(user|admin|groups:.+|roles:[^:]+:.+)$/;

function isScalar(value: unknown): boolean {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function checkClaims(claims: unknown): string | undefined {
  if (!isJsonObject(claims)) return "claims is required and must be a JSON object";
  const entries = Object.entries(claims);
  // An empty claim set would admit every token the issuer signs.
  if (entries.length === 0) return "claims must hold at least one claim";
  for (const [key, value] of entries) {
    const ok = isScalar(value) || (Array.isArray(value) && value.length > 0 && value.every(isScalar));
    if (!ok) return `claims.${key} must be a string, a number or a non-empty array of them`;
  }
  return undefined;
}

function checkPriority(priority: unknown): string | undefined {
  if (priority === undefined) return undefined;
  return Number.isInteger(priority) && (priority as number) >= 1
    ? undefined
    : "priority must be an integer ≥ 1";
}

function checkTokenSpec(spec: unknown): string | undefined {
  if (!isJsonObject(spec)) return "token_spec is required and must be a JSON object";
  const shape = firstProblem(
    requiredString(spec, "scope"),
    ...["username", "username_pattern", "groups_pattern", "audience"].map((f) =>
      optionalOfType(spec, f, "string"),
    ),
  );
  if (shape) return `token_spec.${shape}`;
  if (!SCOPE.test(spec.scope as string)) {
    return "token_spec.scope must be applied-permissions/user, /admin, /groups:<groups> or /roles:<project>:<roles>";
  }
  const expiresIn = spec.expires_in;
  if (
    expiresIn !== undefined &&
    !(Number.isInteger(expiresIn) && (expiresIn as number) >= 1 && (expiresIn as number) <= MAX_EXPIRES_IN)
  ) {
    return `token_spec.expires_in must be an integer between 1 and ${MAX_EXPIRES_IN}`;
  }
  if (
    spec.username !== undefined &&
    (spec.username_pattern !== undefined || spec.groups_pattern !== undefined)
  ) {
    return "token_spec.username cannot be combined with username_pattern or groups_pattern";
  }
  return undefined;
}

/** `provider` and `projectKey` come from the path and the query; they are echoed in the stored mapping. */
export function validateMapping(
  body: unknown,
  provider: string,
  projectKey?: string,
): Validated<IdentityMapping> {
  if (!isJsonObject(body)) return { ok: false, message: "Request body must be a JSON object" };
  const problem = firstProblem(
    requiredString(body, "name"),
    typeof body.name === "string" && !NAME.test(body.name)
      ? "name must be 1-255 characters without spaces or special characters (letters, digits, '-', '_')"
      : undefined,
    optionalOfType(body, "description", "string"),
    checkPriority(body.priority),
    checkClaims(body.claims),
    checkTokenSpec(body.token_spec),
  );
  if (problem) return { ok: false, message: problem };
  const mapping: IdentityMapping = {
    ...pick<Pick<IdentityMapping, "name" | "description">>(body, ["name", "description"]),
    provider_name: provider,
    ...pick<Pick<IdentityMapping, "priority">>(body, ["priority"]),
    claims: { ...(body.claims as IdentityMapping["claims"]) },
    token_spec: pick<TokenSpec>(body.token_spec as JsonObject, TOKEN_SPEC_FIELDS),
    ...(projectKey !== undefined && { project_key: projectKey }),
  };
  return { ok: true, value: mapping };
}
