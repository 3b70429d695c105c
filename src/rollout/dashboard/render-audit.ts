/**
 * The dashboard's audit sections, as blocks of a header and table rows the dashboard adds while they fit in the
 * issue body. Every name from GitHub or JFrog (repositories, mappings, claims) goes through `code()`.
 */
import { RULES } from "../../audit/finding.js";
import { code, table } from "../../github/markdown.js";
import type { AuditSummary } from "./audit-summary.js";
import { count } from "./format.js";

export interface Block {
  header: string;
  rows: string[];
}

export function auditBlocks(audit: AuditSummary): Block[] {
  const blocks: Block[] = [];
  if (audit.workflows.length > 0)
    blocks.push({
      header: [
        `### Workflow audit: ${count(audit.workflows.length)} repositories with findings on their default branch`,
        "",
        "As of each one's last push that changed a workflow; the check run `jfrog-oidc workflow audit` annotates each line.",
        "",
        "| Repository | Errors | Warnings | Findings |",
        "| --- | --- | --- | --- |",
      ].join("\n"),
      rows: audit.workflows.map((w) =>
        row([
          code(w.repository),
          count(w.errors),
          count(w.warnings),
          [
            ...w.rules.map((r) => `${code(r)} ${RULES[r]}`),
            ...(w.unreadable > 0
              ? [`${count(w.unreadable)} file(s) GitHub gave no text for (not audited)`]
              : []),
          ].join("; "),
        ]),
      ),
    });
  const { integration } = audit;
  if (integration.kind !== "known") return blocks;
  if (integration.shadowed.length > 0)
    blocks.push({
      header: [
        `### Shadowed by another JFrog mapping: ${count(integration.shadowed.length)} repositories`,
        "",
        "These mappings admit the repository's tokens and are tried before the app's (a project mapping, or a lower priority number): they decide what its workflows get. The app never edits a mapping it does not own; a JFrog admin should narrow or remove them.",
        "",
        "| Repository | App mapping | Tried first | Only for |",
        "| --- | --- | --- | --- |",
      ].join("\n"),
      rows: integration.shadowed.flatMap((r) =>
        r.by.map((s) =>
          row([code(r.repository), code(r.appMapping ?? "(none)"), code(s.mapping), code(s.only)]),
        ),
      ),
    });
  if (integration.withFindings.length > 0)
    blocks.push({
      header: [
        `### JFrog mappings that undo the per-repository boundary: ${count(integration.withFindings.length)} of ${count(integration.mappings)}`,
        "",
        "| Mapping | Made by | Errors | Findings | Repositories it admits |",
        "| --- | --- | --- | --- | --- |",
      ].join("\n"),
      rows: integration.withFindings.map((m) =>
        row([
          code(m.name),
          m.owner === "app" ? "this app" : "someone else",
          count(m.errors),
          m.rules.map((r) => code(r)).join(", "),
          count(m.admits),
        ]),
      ),
    });
  return blocks;
}

/** One table row, escaped by the same `table()` every reply uses. */
function row(cells: string[]): string {
  return table(
    cells.map(() => ""),
    [cells],
  )
    .split("\n")
    .at(-1) as string;
}
