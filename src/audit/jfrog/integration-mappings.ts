/**
 * Every identity mapping of the org's integration, whoever made it: the global ones, and the policy's project's
 * when it has one. A project listing may echo global mappings too (shared/reference/jfrog-access-oidc.md,
 * "Project scope"): each appears once, a project one marked with its key so the evaluation order sees it.
 */
import type { IdentityMapping } from "../../jfrog/types.js";

export type ListMappings = (provider: string, scope?: { projectKey: string }) => Promise<IdentityMapping[]>;

export function mergeProjectMappings(
  global: readonly IdentityMapping[],
  project: readonly IdentityMapping[],
  projectKey: string | undefined,
): IdentityMapping[] {
  const projectOnly = project
    .filter((p) => !global.some((g) => g.name === p.name))
    .map((p) => ({ ...p, project_key: p.project_key ?? projectKey }));
  return [...global, ...projectOnly];
}

export async function listIntegrationMappings(
  list: ListMappings,
  policy: { provider: { name: string }; projectKey?: string | undefined },
): Promise<IdentityMapping[]> {
  const provider = policy.provider.name;
  const [global, project] = await Promise.all([
    list(provider),
    policy.projectKey ? list(provider, { projectKey: policy.projectKey }) : Promise.resolve([]),
  ]);
  return mergeProjectMappings(global, project, policy.projectKey);
}
