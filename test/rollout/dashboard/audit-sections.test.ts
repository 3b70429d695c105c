/**
 * The dashboard's audit sections: built from what the audits recorded (AuditStandings → summarizeAudit →
 * renderDashboard), names quoted so none can inject markup, within the issue body limit for any org, and nothing
 * of JFrog's side where the public reads the dashboard.
 */
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/audit/finding.js";
import { auditIntegration } from "../../../src/audit/jfrog/analyze-integration.js";
import type { IdentityMapping } from "../../../src/jfrog/types.js";
import { isOwnedByApp } from "../../../src/reconcile/desired-mapping.js";
import { AuditStandings } from "../../../src/rollout/dashboard/audit-standings.js";
import { summarizeAudit } from "../../../src/rollout/dashboard/audit-summary.js";
import { ISSUE_BODY_LIMIT, renderDashboard } from "../../../src/rollout/dashboard/render-dashboard.js";
import { summarizeRollout } from "../../../src/rollout/dashboard/summary.js";
import { rolloutInput } from "./fixtures.js";

const ISSUER = "https://token.actions.githubusercontent.com";
const finding = (rule: Finding["rule"], severity: Finding["severity"]): Finding => ({
  rule,
  severity,
  path: ".github/workflows/ci.yml",
  start: { line: 3, column: 7 },
  end: { line: 3, column: 20 },
  message: "m",
  fix: "f",
});
const wildcard: IdentityMapping = {
  name: "everyone @here <b>",
  priority: 1,
  claims: { repository: "acme/*" },
  token_spec: { scope: 'applied-permissions/groups:"ci"' },
};
const repos = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ fullName: `acme/service-${i}`, id: 1000 + i, ownerId: 7 }));

async function standings(repositories: number) {
  const audits = new AuditStandings();
  for (const r of repos(repositories))
    await audits.recordWorkflows(
      { owner: "acme", name: r.fullName.split("/")[1] ?? "", ownerId: 7, repoId: r.id },
      [finding("stored-credential", "error"), finding("action-outdated-major", "warning")],
      0,
    );
  await audits.recordIntegration(
    "acme",
    auditIntegration({
      mappings: [wildcard],
      repositories: repos(repositories),
      issuer: ISSUER,
      policyExpiresIn: 900,
      ownedByApp: isOwnedByApp,
    }),
  );
  return audits;
}

async function render(audits: AuditStandings, publicOnly: boolean, isPublic = () => true) {
  const summary = summarizeRollout(rolloutInput());
  return renderDashboard({
    ...summary,
    audit: summarizeAudit(await audits.of("ACME"), { publicOnly, isPublic }),
  });
}

describe("the dashboard's audit sections", () => {
  it("list workflow findings, the shadowed repositories and the mapping's findings, every name in a code span", async () => {
    const body = await render(await standings(2), false);
    expect(body).toContain("### Workflow audit: 2 repositories with findings on their default branch");
    expect(body).toContain(
      "| `acme/service-0` | 1 | 1 | `stored-credential` Long-lived JFrog credential fed from a stored secret; `action-outdated-major` Outdated major of jfrog/setup-jfrog-cli |",
    );
    expect(body).toContain("| `acme/service-1` | `(none)` | `everyone @here <b>` | `every token` |");
    expect(body).toContain(
      "| `everyone @here <b>` | someone else | 2 | `no-issuer`, `wildcard-claim`, `name-only-pin` | 2 |",
    );
    expect(body.replace(/`[^`\n]*`/g, "")).not.toMatch(/@here|<b>/);
  });

  it("stay within the issue body limit for an org of 2,000 repositories, saying how many rows are left out", async () => {
    const body = await render(await standings(2_000), false);
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT);
    expect(body).toMatch(/_…and [\d,]+ more rows not shown \(issue body size limit\)\._/);
    expect(body.endsWith("edits other than ticking a box are overwritten._")).toBe(true);
  });

  it("show only public repositories' workflow rows, and nothing of JFrog, where the public reads the dashboard", async () => {
    const body = await render(await standings(2), true, () => false);
    expect(body).not.toContain("### Workflow audit");
    expect(body).not.toContain("everyone @here");
    expect(body).not.toContain("### Shadowed");
  });

  it("drop a repository's row once a push's audit finds nothing", async () => {
    const audits = await standings(1);
    const ref = { owner: "acme", name: "service-0", ownerId: 7, repoId: 1000 };
    expect(await audits.recordWorkflows(ref, [], 0)).toBe(true);
    expect(await audits.recordWorkflows(ref, [], 0)).toBe(false);
    expect(await render(audits, false)).not.toContain("### Workflow audit");
  });
});
