/**
 * What can be learnt from the admin token without asking JFrog: JFrog access tokens are JWTs (`sub`, `scp`, `exp`),
 * reference tokens are opaque. Decoded only, never verified: this feeds warnings, not trust decisions.
 */
import { decodeJwt } from "jose";

/** Callers warn when the token expires within this many days. */
export const EXPIRY_WARNING_DAYS = 14;
export const ADMIN_SCOPE = "applied-permissions/admin";

export interface AdminTokenInfo {
  isJwt: boolean;
  expiresAt?: Date;
  subject?: string;
  /** `scp` claim, split on spaces (JFrog sends one space-separated string; an array is accepted too). */
  scopes: string[];
  /** False when the expiry is unknown. */
  expired: boolean;
  /** Not yet expired, but within `EXPIRY_WARNING_DAYS` of `now`. */
  expiresSoon: boolean;
  /** Undefined when the token is not a JWT: its scopes are unknown, not absent. */
  hasAdminScope?: boolean;
}

export function inspectAdminToken(token: string, now: Date): AdminTokenInfo {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token.trim());
  } catch {
    // Reference tokens and garbage alike; the error is dropped because its message could quote the token.
    return { isJwt: false, scopes: [], expired: false, expiresSoon: false };
  }
  const expiresAt = typeof claims.exp === "number" ? new Date(claims.exp * 1000) : undefined;
  const msLeft = expiresAt ? expiresAt.getTime() - now.getTime() : Number.POSITIVE_INFINITY;
  const scopes = scopesOf(claims.scp);
  return {
    isJwt: true,
    expiresAt,
    subject: typeof claims.sub === "string" ? claims.sub : undefined,
    scopes,
    expired: msLeft <= 0,
    expiresSoon: msLeft > 0 && msLeft <= EXPIRY_WARNING_DAYS * 86_400_000,
    hasAdminScope: scopes.includes(ADMIN_SCOPE),
  };
}

function scopesOf(scp: unknown): string[] {
  const raw = Array.isArray(scp) ? scp.filter((s): s is string => typeof s === "string").join(" ") : scp;
  return typeof raw === "string" ? raw.split(/\s+/).filter(Boolean) : [];
}
