/**
 * What the audits last found, per org, for the dashboard: each repository's workflow findings as of the last
 * audit of its default branch (a push that changed a workflow), and the JFrog side as of the last org scan (every
 * mapping of the integration judged, and the repositories another mapping shadows). In memory, per replica, like
 * the standings: GitHub and JFrog are the sources of truth, and the next push or scan fills it again.
 */
import type { Finding, RuleId } from "../../audit/finding.js";
import type { IntegrationAudit } from "../../audit/jfrog/analyze-integration.js";
import { type RepositoryRef, repositoryJobKey } from "../job.js";

export interface WorkflowAuditStanding {
  ref: RepositoryRef;
  errors: number;
  warnings: number;
  /** Rule ids found, in the order first seen. */
  rules: RuleId[];
  /** Workflow files GitHub gave no text for (not audited: never shown as clean). */
  unreadable: number;
}

export interface OrgAuditStandings {
  workflows: ReadonlyMap<string, WorkflowAuditStanding>;
  integration?: IntegrationAudit;
}

export class AuditStandings {
  readonly #orgs = new Map<
    string,
    { workflows: Map<string, WorkflowAuditStanding>; integration?: IntegrationAudit }
  >();

  /** A push's audit of a default branch. True when what the dashboard shows for the repository changed. */
  recordWorkflows(ref: RepositoryRef, findings: readonly Finding[], unreadable: number): boolean {
    const org = this.#org(ref.owner);
    const key = repositoryJobKey(ref);
    const before = org.workflows.get(key);
    const standing: WorkflowAuditStanding = {
      ref,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      rules: [...new Set(findings.map((f) => f.rule))],
      unreadable,
    };
    if (findings.length === 0 && unreadable === 0) org.workflows.delete(key);
    else org.workflows.set(key, standing);
    return JSON.stringify(before ?? null) !== JSON.stringify(org.workflows.get(key) ?? null);
  }

  /** An org scan's judgement of the integration's mappings. */
  recordIntegration(org: string, audit: IntegrationAudit): void {
    this.#org(org).integration = audit;
  }

  of(org: string): OrgAuditStandings | undefined {
    return this.#orgs.get(org.toLowerCase());
  }

  #org(org: string) {
    const key = org.toLowerCase();
    let found = this.#orgs.get(key);
    if (!found) {
      found = { workflows: new Map() };
      this.#orgs.set(key, found);
    }
    return found;
  }
}
