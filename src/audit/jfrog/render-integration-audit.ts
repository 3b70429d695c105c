/**
 * The JFrog-side audit as a terminal table or as JSON (`jfrog-oidc-rollout audit --org NAME [--format json]`).
 * Names and messages come from JFrog, where anyone with mapping rights writes them: control characters are
 * replaced before they reach a terminal, so a mapping name cannot move the cursor or rewrite earlier lines.
 */
import type { IntegrationAudit } from "./analyze-integration.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069]/g;

function clean(value: string): string {
  return value.replace(CONTROL, "\uFFFD");
}

function grid(header: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map(clean));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

export function shadowedRepositories(audit: IntegrationAudit) {
  return audit.repositories.filter((r) => r.shadowedBy.length > 0);
}

export function renderIntegrationAuditTable(audit: IntegrationAudit, integration: string): string {
  const findings = audit.mappings.flatMap((m) => m.findings);
  const shadowed = shadowedRepositories(audit);
  return [
    `Identity mappings of ${clean(integration)}: ${audit.mappings.length}, ${findings.length} finding(s); ${shadowed.length} of ${audit.repositories.length} repositories shadowed.`,
    "",
    grid(
      ["MAPPING", "OWNER", "PRIORITY", "PROJECT", "ADMITS", "FINDINGS"],
      audit.mappings.map((m) => [
        m.name,
        m.owner,
        m.priority === undefined ? "-" : String(m.priority),
        m.projectKey ?? "-",
        String(m.admits.length),
        m.findings.map((f) => f.rule).join(", ") || "-",
      ]),
    ),
    ...(findings.length
      ? [
          "",
          grid(
            ["SEVERITY", "MAPPING", "RULE", "MESSAGE"],
            findings.map((f) => [f.severity, f.mapping, f.rule, f.message]),
          ),
        ]
      : []),
    ...(shadowed.length
      ? [
          "",
          "Repositories whose tokens another mapping admits before the app's (in evaluation order; the first that matches decides):",
          grid(
            ["REPOSITORY", "APP MAPPING", "ADMITTED BY", "ONLY FOR"],
            shadowed.flatMap((r) =>
              r.shadowedBy.map((s) => [
                r.repository,
                r.appMapping ?? "(none)",
                s.mapping,
                [
                  ...(s.projectKey ? [`JF_PROJECT=${s.projectKey}`] : []),
                  ...s.conditionalOn.map((c) => `matching ${c}`),
                ].join(", ") || "every token",
              ]),
            ),
          ),
        ]
      : []),
  ].join("\n");
}

export function renderIntegrationAuditJson(audit: IntegrationAudit, integration: string): string {
  const findings = audit.mappings.flatMap((m) => m.findings);
  return JSON.stringify(
    {
      integration,
      summary: {
        mappings: audit.mappings.length,
        findings: findings.length,
        errors: findings.filter((f) => f.severity === "error").length,
        repositories: audit.repositories.length,
        shadowedRepositories: shadowedRepositories(audit).length,
      },
      mappings: audit.mappings,
      repositories: audit.repositories,
    },
    null,
    2,
  );
}
