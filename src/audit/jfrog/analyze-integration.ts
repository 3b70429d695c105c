/**
 * JFrog's side of the trust, for the whole org: every identity mapping of the integration (the app's and anyone
 * else's) judged on its own, and every repository told which mappings really decide its tokens. A mapping that
 * admits a repository's tokens AND is tried before the app's SHADOWS it: it decides what that repository's
 * workflows get. Pure: the CLI, `/jfrog-oidc status` and the dashboard pass in what they listed.
 */
import type { IdentityMapping } from "../../jfrog/types.js";
import { evaluatedBefore, evaluationOrder, isProjectMapping } from "./evaluation-order.js";
import { type MappingFinding, mappingFindings } from "./mapping-rules.js";
import { type AuditedRepository, admission } from "./repository-token.js";

export interface IntegrationAuditInput {
  mappings: readonly IdentityMapping[];
  repositories: readonly AuditedRepository[];
  issuer: string;
  policyExpiresIn: number;
  /** The app's ownership test (its description marker); passed in so this module needs no reconcile import. */
  ownedByApp: (mapping: IdentityMapping) => boolean;
}

export interface MappingReport {
  name: string;
  owner: "app" | "other";
  priority?: number;
  projectKey?: string;
  admits: string[];
  findings: MappingFinding[];
}

export interface Shadow {
  mapping: string;
  /** Empty: every token of the repository; else only tokens with these claims matching (or that set JF_PROJECT). */
  conditionalOn: string[];
  projectKey?: string;
}

export interface RepositoryReport {
  repository: string;
  /** The app's mapping for it, when it has one. */
  appMapping?: string;
  /** Mappings tried before the app's (or, without one, any non-app mapping) that admit its tokens. */
  shadowedBy: Shadow[];
}

export interface IntegrationAudit {
  mappings: MappingReport[];
  repositories: RepositoryReport[];
}

export function auditIntegration(input: IntegrationAuditInput): IntegrationAudit {
  const ordered = evaluationOrder(input.mappings);
  const byId = new Map<string, AuditedRepository[]>();
  for (const repo of input.repositories)
    byId.set(String(repo.id), [...(byId.get(String(repo.id)) ?? []), repo]);
  // Per repository, the mappings that admit it in evaluation order (built mapping by mapping, so each list is ordered).
  const matchingOf = new Map<
    AuditedRepository,
    Array<{ mapping: IdentityMapping; conditionalOn: string[] }>
  >();
  const mappings = ordered.map((m): MappingReport => {
    const admits: string[] = [];
    for (const repo of candidates(m, input.repositories, byId)) {
      const a = admission(m, repo, input.issuer);
      if (!a.admits) continue;
      admits.push(repo.fullName);
      matchingOf.set(repo, [...(matchingOf.get(repo) ?? []), { mapping: m, conditionalOn: a.conditionalOn }]);
    }
    return {
      name: m.name,
      owner: input.ownedByApp(m) ? "app" : "other",
      ...(m.priority !== undefined ? { priority: m.priority } : {}),
      ...(m.project_key ? { projectKey: m.project_key } : {}),
      admits,
      findings: mappingFindings(m, input.policyExpiresIn, admits.length),
    };
  });
  const repositories = input.repositories.map((repo): RepositoryReport => {
    const matching = matchingOf.get(repo) ?? [];
    // The app's mapping for the repository: its own that admits every one of its tokens, or else any of its own.
    const app =
      matching.find((x) => input.ownedByApp(x.mapping) && x.conditionalOn.length === 0) ??
      matching.find((x) => input.ownedByApp(x.mapping));
    const shadowedBy = matching
      .filter(
        (x) => x !== app && !input.ownedByApp(x.mapping) && (!app || evaluatedBefore(x.mapping, app.mapping)),
      )
      .map(
        (x): Shadow => ({
          mapping: x.mapping.name,
          conditionalOn: x.conditionalOn,
          ...(isProjectMapping(x.mapping) ? { projectKey: x.mapping.project_key } : {}),
        }),
      );
    return {
      repository: repo.fullName,
      ...(app ? { appMapping: app.mapping.name } : {}),
      shadowedBy,
    };
  });
  return { mappings, repositories };
}

/**
 * The repositories a mapping could admit. One pinned to an exact `repository_id` (every mapping the app owns) can
 * admit only that repository: looked up by id, so an org of 10,000 repositories and mappings is judged in
 * milliseconds rather than by 10^8 comparisons. Anything else is compared with every repository.
 */
function candidates(
  mapping: IdentityMapping,
  all: readonly AuditedRepository[],
  byId: ReadonlyMap<string, AuditedRepository[]>,
): readonly AuditedRepository[] {
  const id = mapping.claims.repository_id;
  if ((typeof id === "string" || typeof id === "number") && !String(id).includes("*"))
    return byId.get(String(id)) ?? [];
  return all;
}
