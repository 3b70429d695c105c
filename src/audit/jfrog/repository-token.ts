/**
 * Whether a mapping admits the OIDC tokens of one repository, with the SAME claim matching JFrog's emulator uses
 * (`claimMatches`, src/jfrog/claim-matching.ts). Claims a repository fixes (issuer, name, ids, owner) are compared
 * exactly; `sub`, `workflow_ref` and `job_workflow_ref` start with the repository's name and are compared on that
 * prefix (the rest depends on the run); any other claim (`ref`, `environment`, `event_name`…) depends on the run,
 * so the mapping admits only SOME of the repository's tokens and the claim is listed as the condition.
 * Claims: https://docs.github.com/actions/reference/openid-connect-reference#oidc-token-claims
 */
import { claimMatches } from "../../jfrog/claim-matching.js";
import type { ClaimValue, IdentityMapping } from "../../jfrog/types.js";

export interface AuditedRepository {
  fullName: string;
  id: number;
  ownerId: number;
}

export interface Admission {
  admits: boolean;
  /** Run-dependent claims the mapping also requires: it admits only the repository's tokens that carry them. */
  conditionalOn: string[];
}

/** The claims every token of the repository carries, whatever the run. */
export function repositoryClaims(repo: AuditedRepository, issuer: string): Record<string, string> {
  return {
    iss: issuer,
    repository: repo.fullName,
    repository_id: String(repo.id),
    repository_owner: repo.fullName.split("/")[0] ?? "",
    repository_owner_id: String(repo.ownerId),
  };
}

const PREFIXED: Record<string, (fullName: string) => string> = {
  sub: (fullName) => `repo:${fullName}:`,
  workflow_ref: (fullName) => `${fullName}/`,
  job_workflow_ref: (fullName) => `${fullName}/`,
};

/** Whether a pattern (`*` = any run of characters) can match some value starting with `prefix`. */
export function canMatchPrefix(expected: ClaimValue, prefix: string): boolean {
  return (Array.isArray(expected) ? expected : [expected]).some((option) => {
    const text = String(option);
    const star = text.indexOf("*");
    const literal = star < 0 ? text : text.slice(0, star);
    if (star < 0) return text.startsWith(prefix) && text.length > prefix.length;
    return literal.startsWith(prefix) || prefix.startsWith(literal);
  });
}

export function admission(mapping: IdentityMapping, repo: AuditedRepository, issuer: string): Admission {
  const fixed = repositoryClaims(repo, issuer);
  const conditionalOn: string[] = [];
  for (const [claim, expected] of Object.entries(mapping.claims)) {
    if (claim in fixed) {
      if (!claimMatches(expected, fixed[claim])) return { admits: false, conditionalOn: [] };
      continue;
    }
    const prefix = PREFIXED[claim]?.(repo.fullName);
    if (prefix !== undefined && !canMatchPrefix(expected, prefix))
      return { admits: false, conditionalOn: [] };
    // A wildcard-only value (`*`) admits every run: not a condition.
    if (!claimMatches(expected, "\u0000any-run\u0000") || prefix !== undefined) {
      if (!(prefix !== undefined && isOpenAfterPrefix(expected, prefix))) conditionalOn.push(claim);
    }
  }
  return { admits: true, conditionalOn: conditionalOn.sort() };
}

/** `repo:acme/app:*`: every run of the repository matches, so the claim is no condition. */
function isOpenAfterPrefix(expected: ClaimValue, prefix: string): boolean {
  return (Array.isArray(expected) ? expected : [expected]).some((option) => {
    const text = String(option);
    const star = text.indexOf("*");
    return (
      star >= 0 &&
      star <= prefix.length &&
      prefix.startsWith(text.slice(0, star)) &&
      /^\**$/.test(text.slice(star))
    );
  });
}
