/**
 * The audits' findings for one org's dashboard, PURE: repositories whose default branch has workflow findings
 * (errors first), mappings of the integration with findings, and the repositories another mapping shadows (tried
 * before the app's: it decides what their workflows get). Where the public reads the dashboard, only public
 * repositories' workflow rows are shown, and nothing of JFrog's side.
 */
import type { RuleId } from "../../audit/finding.js";
import type { MappingRuleId } from "../../audit/jfrog/mapping-rules.js";
import { fullName, type RepositoryRef } from "../job.js";
import type { OrgAuditStandings } from "./audit-standings.js";

export interface WorkflowAuditRow {
  repository: string;
  errors: number;
  warnings: number;
  rules: RuleId[];
  unreadable: number;
}

export interface MappingAuditRow {
  name: string;
  owner: "app" | "other";
  errors: number;
  rules: MappingRuleId[];
  admits: number;
}

export interface ShadowRow {
  repository: string;
  appMapping?: string;
  /** Each mapping tried first, with what it needs (a project, run-dependent claims) or "every token". */
  by: Array<{ mapping: string; only: string }>;
}

export type IntegrationSummary =
  | { kind: "unknown" }
  | { kind: "hidden" }
  | { kind: "known"; mappings: number; withFindings: MappingAuditRow[]; shadowed: ShadowRow[] };

export interface AuditSummary {
  workflows: WorkflowAuditRow[];
  integration: IntegrationSummary;
}

export function summarizeAudit(
  known: OrgAuditStandings | undefined,
  shown: { publicOnly: boolean; isPublic: (ref: RepositoryRef) => boolean },
): AuditSummary {
  const workflows = [...(known?.workflows.values() ?? [])]
    .filter((w) => !shown.publicOnly || shown.isPublic(w.ref))
    .map((w) => ({
      repository: fullName(w.ref),
      errors: w.errors,
      warnings: w.warnings,
      rules: w.rules,
      unreadable: w.unreadable,
    }))
    .sort((a, b) => b.errors - a.errors || a.repository.localeCompare(b.repository, "en"));
  return { workflows, integration: integrationSummary(known, shown.publicOnly) };
}

function integrationSummary(known: OrgAuditStandings | undefined, publicOnly: boolean): IntegrationSummary {
  if (publicOnly) return { kind: "hidden" };
  const audit = known?.integration;
  if (!audit) return { kind: "unknown" };
  const withFindings = audit.mappings
    .filter((m) => m.findings.length > 0)
    .map((m) => ({
      name: m.name,
      owner: m.owner,
      errors: m.findings.filter((f) => f.severity === "error").length,
      rules: [...new Set(m.findings.map((f) => f.rule))],
      admits: m.admits.length,
    }))
    .sort((a, b) => b.errors - a.errors || a.name.localeCompare(b.name, "en"));
  const shadowed = audit.repositories
    .filter((r) => r.shadowedBy.length > 0)
    .map((r) => ({
      repository: r.repository,
      ...(r.appMapping !== undefined && { appMapping: r.appMapping }),
      by: r.shadowedBy.map((s) => ({
        mapping: s.mapping,
        only:
          [
            ...(s.projectKey ? [`JF_PROJECT=${s.projectKey}`] : []),
            ...s.conditionalOn.map((c) => `matching ${c}`),
          ].join(", ") || "every token",
      })),
    }))
    .sort((a, b) => a.repository.localeCompare(b.repository, "en"));
  return { kind: "known", mappings: audit.mappings.length, withFindings, shadowed };
}
