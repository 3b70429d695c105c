/**
 * The order JFrog tries mappings in: a project mapping beats a global one when the exchange names that project
 * (setup-jfrog-cli sends `project_key` from `JF_PROJECT`), then ascending priority, omitted last, ties by name
 * (`byPriority`, shared with the emulator). shared/reference/jfrog-access-oidc.md ("Identity mappings").
 */
import { byPriority } from "../../jfrog/claim-matching.js";
import type { IdentityMapping } from "../../jfrog/types.js";

export function isProjectMapping(mapping: IdentityMapping): boolean {
  return Boolean(mapping.project_key);
}

/** Whether `a` is tried before `b` for at least some of the repository's exchanges. */
export function evaluatedBefore(a: IdentityMapping, b: IdentityMapping): boolean {
  if (isProjectMapping(a) && !isProjectMapping(b)) return true;
  if (!isProjectMapping(a) && isProjectMapping(b)) return false;
  return byPriority(a, b) < 0;
}

export function evaluationOrder(mappings: readonly IdentityMapping[]): IdentityMapping[] {
  return [...mappings].sort((a, b) => {
    const project = Number(isProjectMapping(b)) - Number(isProjectMapping(a));
    return project !== 0 ? project : byPriority(a, b);
  });
}
