/**
 * What the audits last found, per org, for the dashboard: each repository's workflow findings as of the last
 * audit of its default branch (a push that changed a workflow), and the JFrog side as of the last org scan (every
 * mapping of the integration judged, and the repositories another mapping shadows). Like the standings: in memory
 * embedded (GitHub and JFrog are the sources of truth, and the next push or scan fills it again), in Redis shared by
 * the replicas otherwise (`redis/redis-audit-standings.ts`).
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

/** The port: where the audits' last findings are kept (in memory, or Redis shared by the replicas). */
export interface AuditStore {
  /** A push's audit of a default branch. True when what the dashboard shows for the repository changed. */
  recordWorkflows(ref: RepositoryRef, findings: readonly Finding[], unreadable: number): Promise<boolean>;
  /** An org scan's judgement of the integration's mappings. */
  recordIntegration(org: string, audit: IntegrationAudit): Promise<void>;
  of(org: string): Promise<OrgAuditStandings | undefined>;
}

/** What the dashboard shows of a repository's findings; null when there is nothing to show (no row). */
export function workflowAuditStanding(
  ref: RepositoryRef,
  findings: readonly Finding[],
  unreadable: number,
): WorkflowAuditStanding | null {
  if (findings.length === 0 && unreadable === 0) return null;
  return {
    ref,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    rules: [...new Set(findings.map((f) => f.rule))],
    unreadable,
  };
}

export class AuditStandings implements AuditStore {
  readonly #orgs = new Map<
    string,
    { workflows: Map<string, WorkflowAuditStanding>; integration?: IntegrationAudit }
  >();

  async recordWorkflows(
    ref: RepositoryRef,
    findings: readonly Finding[],
    unreadable: number,
  ): Promise<boolean> {
    const org = this.#org(ref.owner);
    const key = repositoryJobKey(ref);
    const before = org.workflows.get(key);
    const standing = workflowAuditStanding(ref, findings, unreadable);
    if (!standing) org.workflows.delete(key);
    else org.workflows.set(key, standing);
    return JSON.stringify(before ?? null) !== JSON.stringify(org.workflows.get(key) ?? null);
  }

  async recordIntegration(org: string, audit: IntegrationAudit): Promise<void> {
    this.#org(org).integration = audit;
  }

  async of(org: string): Promise<OrgAuditStandings | undefined> {
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
