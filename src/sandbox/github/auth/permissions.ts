/** GitHub App permission checks: `write` includes `read`, `admin` includes both. */
import type { AccessLevel, Permissions } from "../state/model.js";

const RANK: Record<AccessLevel, number> = { read: 1, write: 2, admin: 3 };

export function allows(permissions: Permissions, name: string, level: AccessLevel): boolean {
  const granted = permissions[name];
  return granted !== undefined && RANK[granted] >= RANK[level];
}

/** Requested permissions may only narrow what the installation was granted. */
export function isSubset(requested: Permissions, granted: Permissions): boolean {
  return Object.entries(requested).every(([name, level]) => allows(granted, name, level));
}

export function isAccessLevel(value: unknown): value is AccessLevel {
  return value === "read" || value === "write" || value === "admin";
}
