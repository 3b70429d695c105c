/**
 * `POST /access/api/v1/oidc/token`: exchanges an OIDC ID token for a JFrog access token
 * (shared/reference/jfrog-access-oidc.md, "Token exchange"). Unauthenticated, like JFrog's.
 */
import type { JWTPayload } from "jose";
import { selectMapping } from "../../jfrog/claim-matching.js";
import type { IdentityMapping } from "../../jfrog/types.js";
import { type HttpResponse, isJsonObject } from "../shared/http.js";
import type { AccessTokens } from "./access-token.js";
import { jfrogError } from "./errors.js";
import type { Store } from "./store.js";
import { firstProblem, optionalOfType, requiredString, type Validated } from "./validation.js";
import { type VerifyDeps, verifyIdToken } from "./verify-id-token.js";

export const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
/** The reference lists 60 and 3600 as JFrog's default; the emulator uses 3600. */
const DEFAULT_EXPIRES_IN = 3_600;

export interface ExchangeDeps extends VerifyDeps {
  store: Store;
  tokens: AccessTokens;
}

interface ExchangeRequest {
  subject_token: string;
  provider_name: string;
  project_key?: string;
  identity_mapping_name?: string;
}

function parseRequest(body: unknown): Validated<ExchangeRequest> {
  if (!isJsonObject(body)) return { ok: false, message: "Request body must be a JSON object" };
  const problem = firstProblem(
    body.grant_type === GRANT_TYPE ? undefined : `grant_type must be ${GRANT_TYPE}`,
    body.subject_token_type === ID_TOKEN_TYPE ? undefined : `subject_token_type must be ${ID_TOKEN_TYPE}`,
    requiredString(body, "subject_token"),
    requiredString(body, "provider_name"),
    optionalOfType(body, "project_key", "string"),
    optionalOfType(body, "identity_mapping_name", "string"),
  );
  return problem ? { ok: false, message: problem } : { ok: true, value: body as unknown as ExchangeRequest };
}

/** Project mappings first when a project is named, then global ones; `identity_mapping_name` narrows to one. */
function findMapping(
  store: Store,
  request: ExchangeRequest,
  claims: JWTPayload,
): IdentityMapping | undefined {
  const named = (mappings: IdentityMapping[]) =>
    request.identity_mapping_name === undefined
      ? mappings
      : mappings.filter((m) => m.name === request.identity_mapping_name);
  const project = request.project_key
    ? selectMapping(named(store.listMappings(request.provider_name, request.project_key)), claims)
    : undefined;
  return project ?? selectMapping(named(store.listMappings(request.provider_name)), claims);
}

/** `username`, else `username_pattern` with `{{claim}}` filled in, else the token's `sub`. */
function username(mapping: IdentityMapping, claims: JWTPayload): string | undefined {
  const { username, username_pattern } = mapping.token_spec;
  if (username) return username;
  if (!username_pattern) return String(claims.sub);
  let missing = false;
  const rendered = username_pattern.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, claim: string) => {
    const value = claims[claim];
    if (value === undefined) missing = true;
    return String(value ?? "");
  });
  return missing ? undefined : rendered;
}

export async function exchangeToken(body: unknown, deps: ExchangeDeps): Promise<HttpResponse> {
  const request = parseRequest(body);
  if (!request.ok) return jfrogError(400, request.message);
  const { provider_name: provider, project_key: projectKey } = request.value;
  const integration = deps.store.getIntegration(provider);
  if (!integration) return jfrogError(400, `OIDC integration '${provider}' not found`);

  const verified = await verifyIdToken(request.value.subject_token, integration, deps);
  if (!verified.ok) return jfrogError(verified.status, verified.message);

  const mapping = findMapping(deps.store, request.value, verified.claims);
  if (!mapping) {
    const where = projectKey ? ` (project '${projectKey}' or global)` : "";
    return jfrogError(
      401,
      `No identity mapping of OIDC integration '${provider}'${where} matches the token's claims`,
    );
  }
  const user = username(mapping, verified.claims);
  if (!user)
    return jfrogError(
      401,
      `Identity mapping '${mapping.name}': username_pattern names a claim the token lacks`,
    );

  const scope = mapping.token_spec.scope ?? "";
  const expiresIn = mapping.token_spec.expires_in ?? DEFAULT_EXPIRES_IN;
  const accessToken = await deps.tokens.sign({
    username: user,
    scope,
    audience: mapping.token_spec.audience ?? "*@*",
    expiresInSeconds: expiresIn,
    identityMapping: mapping.name,
    provider,
  });
  return {
    status: 200,
    body: {
      access_token: accessToken,
      username: user,
      issued_token_type: ACCESS_TOKEN_TYPE,
      scope,
      expires_in: expiresIn,
      token_type: "Bearer",
    },
  };
}
