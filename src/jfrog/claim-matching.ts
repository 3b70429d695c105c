/**
 * Which identity mapping JFrog applies to a token's claims (shared/reference/jfrog-access-oidc.md): mappings are
 * tried by ascending `priority` (omitted = lowest, i.e. last), and the first whose claims ALL match wins.
 * A claim matches when the token's value equals it, or matches it with `*` standing for any run of characters;
 * an array means "any of"; numbers compare as strings (token claims are strings: `"74"` matches `74`).
 * Pure: the sandbox emulator decides exchanges with it, and `/jfrog-oidc verify` explains them without JFrog doing one.
 */
import type { ClaimValue, IdentityMapping } from "./types.js";

function wildcard(pattern: string): RegExp {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s");
}

function scalarMatches(expected: string | number, actual: string): boolean {
  const text = String(expected);
  return text.includes("*") ? wildcard(text).test(actual) : text === actual;
}

/** Token claims are compared as strings; an array claim in the token (e.g. `aud`) matches if any element does. */
function tokenValues(actual: unknown): string[] {
  if (Array.isArray(actual)) return actual.flatMap(tokenValues);
  if (typeof actual === "string" || typeof actual === "number" || typeof actual === "boolean")
    return [String(actual)];
  return [];
}

export function claimMatches(expected: ClaimValue, actual: unknown): boolean {
  const options = Array.isArray(expected) ? expected : [expected];
  const values = tokenValues(actual);
  return options.some((option) => values.some((value) => scalarMatches(option, value)));
}

/** The claim names of `expected` that the token does not satisfy (empty when the mapping matches). */
export function mismatchedClaims(
  expected: IdentityMapping["claims"],
  claims: Record<string, unknown>,
): string[] {
  return Object.entries(expected)
    .filter(([name, value]) => !claimMatches(value, claims[name]))
    .map(([name]) => name);
}

/** Evaluation order: ascending priority, omitted last; ties by name so the result never depends on creation order. */
export function byPriority(a: IdentityMapping, b: IdentityMapping): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY;
  const pb = b.priority ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function selectMapping(
  mappings: readonly IdentityMapping[],
  claims: Record<string, unknown>,
): IdentityMapping | undefined {
  return [...mappings]
    .sort(byPriority)
    .find((mapping) => mismatchedClaims(mapping.claims, claims).length === 0);
}
