/**
 * The audits' part of the `status` reply, PURE: a row each for the workflow audit and for the mappings JFrog tries
 * before this repository's own, then the details. As in `verify`, a mapping the app does not manage is never
 * named or described beyond its place in the order and the claims it depends on: what it grants (an admin scope,
 * say) would tell a maintainer how to use it. Org owners find the whole judgement on the rollout dashboard and in
 * `jfrog-oidc-rollout audit`.
 */
import { type Finding, RULES } from "../../audit/finding.js";
import type { Shadow } from "../../audit/jfrog/analyze-integration.js";
import { bullets, code, details, table } from "../../github/markdown.js";
import { plural } from "./describe-action.js";

/** `error`: what went wrong and what to do, in words (error messages themselves are not echoed: see failure.ts). */
export type Audited<T> = { ok: true; value: T } | { ok: false; error: string };

export interface StatusAudit {
  /** Null for an empty repository (nothing to audit yet). */
  workflows: Audited<{ findings: Finding[]; unreadable: string[] } | null>;
  jfrog: Audited<{
    hasAppMapping: boolean;
    /** Mappings this app does not own that admit the repository's tokens before its own (or at all, without one). */
    shadowedBy: Array<Shadow & { priority?: number }>;
  }>;
}

/** A reply stays far under GitHub's 65,536-character comment limit: the check run has every finding. */
const MAX_FINDINGS = 30;

export function auditRows(audit: StatusAudit): string[][] {
  return [
    ["Workflow audit", workflowsText(audit.workflows)],
    ["JFrog mappings tried first", jfrogText(audit.jfrog)],
  ];
}

export function auditDetails(audit: StatusAudit): string[] {
  const parts: string[] = [];
  const workflows = audit.workflows.ok ? audit.workflows.value : null;
  if (workflows && workflows.findings.length > 0) {
    const shown = workflows.findings.slice(0, MAX_FINDINGS);
    const more = workflows.findings.length - shown.length;
    parts.push(
      "",
      details(
        `${plural(workflows.findings.length, "workflow finding")} on the default branch`,
        [
          bullets(shown.map((f) => `${code(f.path)} line ${f.start.line}: ${code(f.rule)} ${RULES[f.rule]}`)),
          ...(more > 0
            ? ["", `…and ${more} more: the check run \`jfrog-oidc workflow audit\` annotates each.`]
            : []),
        ].join("\n"),
      ),
    );
  }
  const shadows = audit.jfrog.ok ? audit.jfrog.value.shadowedBy : [];
  if (shadows.length > 0)
    parts.push(
      "",
      "**Mappings tried before this repository's own**: the first that matches decides what its workflows get. The app never edits a mapping it does not own; whoever runs your JFrog Platform can narrow or remove these (the org's rollout dashboard lists them for org owners).",
      "",
      table(
        ["mapping", "tried", "for which of this repository's tokens"],
        shadows.map((s) => [
          "a mapping not managed by this app",
          s.projectKey
            ? `first when ${code(`JF_PROJECT=${s.projectKey}`)}`
            : `priority ${s.priority ?? "(none: last)"}`,
          s.conditionalOn.length
            ? `those matching its ${s.conditionalOn.map((c) => code(c)).join(", ")}`
            : "every token",
        ]),
      ),
    );
  return parts;
}

function workflowsText(workflows: StatusAudit["workflows"]): string {
  if (!workflows.ok) return `⚠️ not audited: ${workflows.error}`;
  if (workflows.value === null) return "⏳ nothing to audit: the repository is empty";
  const { findings, unreadable } = workflows.value;
  const errors = findings.filter((f) => f.severity === "error").length;
  const unread = unreadable.length
    ? `; ${plural(unreadable.length, "file")} GitHub gave no text for (not audited)`
    : "";
  if (findings.length === 0 && unreadable.length === 0)
    return "✅ no findings in the default branch's workflows";
  return `${errors > 0 || unreadable.length > 0 ? "❌" : "⚠️"} ${plural(findings.length, "finding")} on the default branch (${errors} error(s))${unread}`;
}

function jfrogText(jfrog: StatusAudit["jfrog"]): string {
  if (!jfrog.ok) return `⚠️ not audited: ${jfrog.error}`;
  const { shadowedBy, hasAppMapping } = jfrog.value;
  if (shadowedBy.length === 0) return "✅ none: no other mapping admits this repository's tokens first";
  const admit = shadowedBy.length === 1 ? "admits" : "admit";
  const first = hasAppMapping ? " before its own" : "";
  return `⚠️ ${plural(shadowedBy.length, "mapping")} this app does not manage ${admit} this repository's tokens${first} (below)`;
}
