/**
 * What `jfrog-oidc-rollout audit` reads, from the app's installation and JFrog: the org policy (fail closed, as for
 * `plan`), the installation's repositories (ids and names, REST paginated) and the provider's mappings.
 */
import type { ProbotOctokit } from "probot";
import type { JFrogClient } from "../jfrog/client.js";
import { isOwnedByApp } from "../reconcile/desired-mapping.js";
import type { AuditSources } from "./audit-command.js";
import { requirePolicy } from "./plan-organization.js";

export function auditSources(octokit: ProbotOctokit, jfrog: JFrogClient): AuditSources {
  return {
    loadPolicy: (org) => requirePolicy(octokit, org),
    async listRepositories(org) {
      const repositories = await octokit.paginate("GET /installation/repositories", { per_page: 100 });
      return repositories
        .filter((repo) => repo.owner.login.toLowerCase() === org.toLowerCase())
        .map((repo) => ({ fullName: repo.full_name, id: repo.id, ownerId: repo.owner.id }));
    },
    listMappings: (provider, scope) => jfrog.listMappings(provider, scope),
    ownedByApp: isOwnedByApp,
  };
}
