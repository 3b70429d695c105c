/**
 * Identity mappings that undo the per-repository boundary, whoever made them: no issuer, no repository pin, a
 * wildcard that admits many repositories, a name-only pin a re-created repository would inherit, an admin token,
 * a lifetime far above the policy's. Claims: shared/reference/jfrog-access-oidc.md ("Identity mappings").
 */
import type { IdentityMapping } from "../../jfrog/types.js";
import type { Severity } from "../finding.js";

export type MappingRuleId =
  | "no-issuer"
  | "no-repository-pin"
  | "wildcard-claim"
  | "name-only-pin"
  | "admin-scope"
  | "long-expiry";

export interface MappingFinding {
  mapping: string;
  rule: MappingRuleId;
  severity: Severity;
  message: string;
}

/** "Far above" the policy's lifetime: more than this many times it. */
export const EXPIRY_FACTOR = 4;
const WILDCARD_CLAIMS = ["repository", "sub", "repository_owner"] as const;

function repositories(count: number): string {
  return `${count} ${count === 1 ? "repository" : "repositories"}`;
}

function values(mapping: IdentityMapping, claim: string): string[] {
  const value = mapping.claims[claim];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** `sub` = `repo:OWNER/NAME:…`: a wildcard after the name (`…:ref:refs/tags/*`) still names one repository. */
function admitsManyRepositories(claim: string, value: string): boolean {
  if (!value.includes("*")) return false;
  if (claim !== "sub") return true;
  return !/^repo:[^:*]+:/.test(value);
}

export function mappingFindings(
  mapping: IdentityMapping,
  policyExpiresIn: number,
  admittedRepositories: number,
): MappingFinding[] {
  const found: MappingFinding[] = [];
  const add = (rule: MappingRuleId, severity: Severity, message: string) =>
    found.push({ mapping: mapping.name, rule, severity, message });
  if (!("iss" in mapping.claims))
    add("no-issuer", "error", "No `iss` claim: a token from any issuer the integration trusts is enough.");
  const pinned = "repository_id" in mapping.claims || "repository" in mapping.claims;
  if (!pinned)
    add(
      "no-repository-pin",
      "error",
      `Neither \`repository\` nor \`repository_id\`: it admits ${repositories(admittedRepositories)} of the org.`,
    );
  for (const claim of WILDCARD_CLAIMS) {
    const wild = values(mapping, claim).filter((v) => admitsManyRepositories(claim, v));
    if (wild.length)
      add(
        "wildcard-claim",
        "error",
        `\`${claim}\` is a wildcard (${wild.join(", ")}): it admits ${repositories(admittedRepositories)} of the org, and any created later that match.`,
      );
  }
  if ("repository" in mapping.claims && !("repository_id" in mapping.claims))
    add(
      "name-only-pin",
      "warning",
      "Pinned by name only (no `repository_id`): a repository deleted and re-created under that name, by anyone who can, inherits it.",
    );
  if ((mapping.token_spec.scope ?? "").includes("applied-permissions/admin"))
    add(
      "admin-scope",
      "error",
      "Issues admin tokens: any workflow it admits can administer the JFrog Platform.",
    );
  const expiresIn = mapping.token_spec.expires_in;
  if (expiresIn !== undefined && expiresIn > policyExpiresIn * EXPIRY_FACTOR)
    add(
      "long-expiry",
      "warning",
      `Tokens live ${expiresIn} s, more than ${EXPIRY_FACTOR}× the policy's ${policyExpiresIn} s.`,
    );
  return found;
}
