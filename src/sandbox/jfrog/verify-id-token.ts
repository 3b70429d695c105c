/**
 * Verifies an OIDC ID token the way JFrog Access does before mapping it: the token's `iss` must be the
 * integration's `issuer_url` exactly; keys come from `{issuer}/.well-known/openid-configuration` → `jwks_uri`;
 * signature, `exp` and `nbf` are checked against the injected clock; `aud` must contain the integration's
 * audience (JFrog answers 400 "Invalid audience", shared/reference/jfrog-access-oidc.md); a GitHub integration
 * with an `organization` only admits tokens whose `repository_owner` is that organization.
 */
import {
  createLocalJWKSet,
  decodeJwt,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import { isJsonObject } from "../shared/http.js";
import { isGitHubType, type StoredIntegration } from "./validate-integration.js";

export interface VerifyDeps {
  now: () => Date;
  fetchImpl: typeof fetch;
}

export type Verification =
  | { ok: true; claims: JWTPayload }
  | { ok: false; status: 400 | 401; message: string };

type Keys = { ok: true; keys: JWTVerifyGetKey } | { ok: false; status: 401; message: string };

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"];
const FETCH_TIMEOUT_MS = 5_000;

async function fetchJson(url: string, fetchImpl: typeof fetch): Promise<unknown> {
  const response = await fetchImpl(url, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function loadIssuerKeys(issuerUrl: string, fetchImpl: typeof fetch): Promise<Keys> {
  const configUrl = `${issuerUrl.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  let config: unknown;
  try {
    config = await fetchJson(configUrl, fetchImpl);
  } catch (error) {
    return {
      ok: false,
      status: 401,
      message: `Could not fetch the OIDC configuration at ${configUrl}: ${(error as Error).message}`,
    };
  }
  if (!isJsonObject(config) || typeof config.jwks_uri !== "string") {
    return { ok: false, status: 401, message: `The OIDC configuration at ${configUrl} has no jwks_uri` };
  }
  try {
    return {
      ok: true,
      keys: createLocalJWKSet((await fetchJson(config.jwks_uri, fetchImpl)) as JSONWebKeySet),
    };
  } catch (error) {
    return {
      ok: false,
      status: 401,
      message: `Could not load the JWKS at ${config.jwks_uri}: ${(error as Error).message}`,
    };
  }
}

function isoTime(seconds: unknown): string {
  return typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : "unknown";
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return `Token expired at ${isoTime(error.payload.exp)}`;
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "nbf") {
    return `Token is not valid before ${isoTime(error.payload.nbf)}`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return "Token signature could not be verified: no key in the issuer's JWKS matches the token's kid";
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "Token signature verification failed";
  if (error instanceof errors.JOSEAlgNotAllowed) return "Token signature algorithm is not allowed";
  return `Token verification failed: ${(error as Error).message}`;
}

function audiences(aud: JWTPayload["aud"]): string[] {
  if (aud === undefined) return [];
  return Array.isArray(aud) ? aud : [aud];
}

export async function verifyIdToken(
  token: string,
  integration: StoredIntegration,
  deps: VerifyDeps,
): Promise<Verification> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch {
    return { ok: false, status: 400, message: "subject_token is not a JWT" };
  }
  // Checked before fetching keys so a trailing-slash mismatch says so instead of "no matching key".
  if (unverified.iss !== integration.issuer_url) {
    return {
      ok: false,
      status: 401,
      message: `Token issuer '${String(unverified.iss)}' does not match issuer_url '${integration.issuer_url}' of OIDC integration '${integration.name}'`,
    };
  }
  const keys = await loadIssuerKeys(integration.issuer_url, deps.fetchImpl);
  if (!keys.ok) return keys;
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys.keys, {
      algorithms: ALGORITHMS,
      currentDate: deps.now(),
    }));
  } catch (error) {
    return { ok: false, status: 401, message: describe(error) };
  }
  if (integration.audience !== undefined && !audiences(claims.aud).includes(integration.audience)) {
    return { ok: false, status: 400, message: "Invalid audience" };
  }
  const { organization } = integration;
  if (isGitHubType(integration.provider_type) && organization && claims.repository_owner !== organization) {
    return {
      ok: false,
      status: 401,
      message: `Token repository_owner '${String(claims.repository_owner)}' is not organization '${organization}' of OIDC integration '${integration.name}'`,
    };
  }
  return { ok: true, claims };
}
