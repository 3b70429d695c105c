/** Admin bearer-token check for the management API. Compares digests so timing says nothing about the token. */
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

export type AuthResult = "ok" | "missing" | "invalid";

export function checkAdmin(authorization: string | undefined, adminToken: string): AuthResult {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) return "missing";
  return timingSafeEqual(digest(match[1]), digest(adminToken)) ? "ok" : "invalid";
}
