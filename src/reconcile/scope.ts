/** Whether the org policy (and the repository's opt-outs) puts a repository in scope, and if not, why. */
import { isOrgPolicyRepository } from "../config/load-org-policy.js";
import type { Policy } from "../config/policy-schema.js";
import { code } from "../github/markdown.js";
import type { RepoFacts } from "../github/repo-facts.js";

export type ScopeDecision = { inScope: true } | { inScope: false; reason: string };

export function decideScope(
  repo: Pick<RepoFacts, "name" | "isArchived" | "isFork" | "visibility">,
  policy: Policy,
  optedOut: boolean,
  /** Opted out with `/jfrog-oidc disable` (the record outlives any one event; see github/opt-out-label.ts). */
  disabledByCommand = false,
): ScopeDecision {
  const rules = policy.repositories;
  if (disabledByCommand)
    return out("the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again");
  if (isOrgPolicyRepository(repo.name) && !rules.dotGithub)
    return out(
      "the org's .github repository holds the org policy; `repositories.dotGithub: true` in the policy onboards it",
    );
  if (optedOut) return out("the repository opted out (`enabled: false` in its .github/jfrog-oidc.yml)");
  if (repo.isArchived && !rules.archived) return out("the repository is archived");
  if (repo.isFork && !rules.forks) return out("the repository is a fork");
  if (!rules.visibility.includes(repo.visibility))
    return out(`${repo.visibility} repositories are not in the policy's visibility list`);
  if (!rules.include.some((glob) => glob.matches(repo.name)))
    return out("the repository matches no `repositories.include` pattern");
  const excludedBy = rules.exclude.find((glob) => glob.matches(repo.name));
  if (excludedBy) return out(`the repository matches the exclude pattern ${code(excludedBy.pattern)}`);
  return { inScope: true };
}

function out(reason: string): ScopeDecision {
  return { inScope: false, reason };
}
