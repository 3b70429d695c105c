/** Workflow audit throughput over a generated corpus (issue 10): files per second, and the fix edits' cost. */

import type { AuditContext } from "../audit/audit-context.js";
import { auditWorkflow } from "../audit/audit-workflow.js";
import { fixWorkflow } from "../audit/fix/fix-workflow.js";
import { generatedWorkflow } from "./audit-corpus.js";
import { atMost, type Row, rowsOf, timeEach } from "./measure.js";

const context: AuditContext = {
  provider: { name: "github-acme", audience: "jfrog-acme" },
  setupJfrogCli: { currentMajor: 5 },
};

export function benchAudit(files = 2000): Row[] {
  const corpus = Array.from({ length: files }, (_, i) => generatedWorkflow(i));
  let findings = 0;
  let i = 0;
  const audit = timeEach(files, () => {
    findings += auditWorkflow(`.github/workflows/w${i}.yml`, corpus[i++ % files] ?? "", context).length;
  });
  const jfrog = corpus.filter((_, n) => n % 5 < 2);
  let j = 0;
  const fix = timeEach(jfrog.length, () => {
    fixWorkflow(`.github/workflows/w${j}.yml`, jfrog[j++ % jfrog.length] ?? "", context);
  });
  const perSecond = Math.round(files / (audit.totalMs / 1000));
  return rowsOf("workflow audit", [
    { metric: `files audited (${jfrog.length} use JFrog)`, value: files, unit: "files" },
    { metric: "findings", value: findings, unit: "findings" },
    // 250 files/s audits the ~50,000 workflow files of a 10,000-repository org in under 4 minutes of one core.
    { metric: "throughput", value: perSecond, unit: "files/s", target: "≥ 250", met: perSecond >= 250 },
    { metric: "p95 per file", value: audit.p95Ms, unit: "ms", ...atMost(audit.p95Ms, 20) },
    {
      metric: "fix p95 per JFrog file (audit twice + edits)",
      value: fix.p95Ms,
      unit: "ms",
      ...atMost(fix.p95Ms, 50),
    },
  ]);
}
