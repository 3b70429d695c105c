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
  const admitted = new Map(
    ordered.map((m) => [
      m.name,
      input.repositories.flatMap((repo) => {
        const a = admission(m, repo, input.issuer);
        return a.admits ? [{ repo, conditionalOn: a.conditionalOn }] : [];
      }),
    ]),
  );
  const mappings = ordered.map((m): MappingReport => {
    const admits = (admitted.get(m.name) ?? []).map((a) => a.repo.fullName);
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
    const matching = ordered.flatMap((m) => {
      const a = admitted.get(m.name)?.find((x) => x.repo === repo);
      return a ? [{ mapping: m, conditionalOn: a.conditionalOn }] : [];
    });
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
