/** Field-by-field differences between the mapping JFrog has and the one the policy wants. */
import type { ClaimValue, IdentityMapping } from "../jfrog/types.js";

export function mappingDrift(current: IdentityMapping, desired: IdentityMapping): string[] {
  const changes: string[] = [];
  const compare = (field: string, have: unknown, want: unknown) => {
    if (!sameValue(have, want)) changes.push(`${field}: ${show(have)} → ${show(want)}`);
  };
  compare("description", current.description, desired.description);
  compare("priority", current.priority, desired.priority);
  for (const key of unionKeys(current.claims, desired.claims))
    compare(`claims.${key}`, current.claims?.[key], desired.claims[key]);
  const haveSpec = current.token_spec ?? {};
  for (const key of unionKeys(haveSpec, desired.token_spec))
    compare(
      `token_spec.${key}`,
      haveSpec[key as keyof typeof haveSpec],
      desired.token_spec[key as keyof typeof haveSpec],
    );
  return changes;
}

function unionKeys(a: object | undefined, b: object): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b)])].sort();
}

/** JFrog may echo numbers as strings and arrays in another order; neither is a real difference. */
function sameValue(have: unknown, want: unknown): boolean {
  if (Array.isArray(have) && Array.isArray(want)) {
    const norm = (v: ClaimValue[]) => v.map(String).sort().join("\u0000");
    return norm(have) === norm(want);
  }
  if (have === undefined || want === undefined) return have === want;
  return String(have) === String(want);
}

function show(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
