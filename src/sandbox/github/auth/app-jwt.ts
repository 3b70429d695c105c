/**
 * Verifies the JWT a GitHub App signs with its private key to act as itself (`POST /app/installations/{id}/
 * access_tokens`): RS256, `iss` = the app id, `iat` not in the future, `exp` in the future and at most ten minutes
 * ahead. https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 * Times are checked against the real clock: the app signs with its own clock, not the emulator's virtual one.
 */
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { AppRegistration } from "../state/store.js";

export type JwtCheck = { ok: true } | { ok: false; message: string };

/** GitHub's wording for each failure (what octokit users see in their errors). */
export const JWT_MESSAGES = {
  undecodable: "A JSON web token could not be decoded",
  unknownApp: "Integration not found",
  expired:
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  tooLong: "'Expiration time' claim ('exp') is too far in the future",
  issuedAt:
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
} as const;

/** GitHub tolerates some clock drift; octokit backdates `iat` by 30 s for the same reason. */
const DRIFT_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 600;

export async function verifyAppJwt(
  token: string,
  app: AppRegistration,
  nowMs = Date.now(),
): Promise<JwtCheck> {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    if (decodeProtectedHeader(token).alg !== "RS256") return { ok: false, message: JWT_MESSAGES.undecodable };
    claims = decodeJwt(token);
  } catch {
    return { ok: false, message: JWT_MESSAGES.undecodable };
  }
  if (String(claims.iss) !== String(app.id)) return { ok: false, message: JWT_MESSAGES.unknownApp };
  try {
    await jwtVerify(token, app.publicKey, { algorithms: ["RS256"] });
  } catch (error) {
    // jose checks the signature before the claims: a claim error means the signature held. The time rules
    // below then answer with GitHub's own messages.
    if (!(error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed))
      return { ok: false, message: JWT_MESSAGES.undecodable };
  }
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.iat !== "number" || !Number.isInteger(claims.iat) || claims.iat > now + DRIFT_SECONDS)
    return { ok: false, message: JWT_MESSAGES.issuedAt };
  if (typeof claims.exp !== "number" || claims.exp <= now - DRIFT_SECONDS)
    return { ok: false, message: JWT_MESSAGES.expired };
  if (claims.exp - now > MAX_LIFETIME_SECONDS + DRIFT_SECONDS)
    return { ok: false, message: JWT_MESSAGES.tooLong };
  return { ok: true };
}
