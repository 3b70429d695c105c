import nock from "nock";
import { ProbotOctokit } from "probot";
import { expect, test } from "vitest";
import type { Finding } from "../../src/audit/finding.js";
import {
  annotationOf,
  publishWorkflowAudit,
  reportWrites,
  workflowAuditReport,
} from "../../src/audit/workflow-audit-check-run.js";

const finding = (line: number, severity: Finding["severity"] = "error"): Finding => ({
  rule: "stored-credential",
  severity,
  path: ".github/workflows/ci.yml",
  start: { line, column: 11 },
  end: { line, column: 26 },
  message: "`JF_ACCESS_TOKEN` comes from `secrets.T`.",
  fix: "Use OIDC.",
});

test("an annotation spans the finding; columns only on one line, end inclusive", () => {
  expect(annotationOf(finding(4))).toEqual({
    path: ".github/workflows/ci.yml",
    start_line: 4,
    end_line: 4,
    start_column: 11,
    end_column: 25,
    annotation_level: "failure",
    title: "stored-credential",
    message: "`JF_ACCESS_TOKEN` comes from `secrets.T`.\nFix: Use OIDC.",
  });
  const multi = annotationOf({ ...finding(4), end: { line: 6, column: 1 } });
  expect(multi).not.toHaveProperty("start_column");
  expect(multi.end_line).toBe(6);
});

test.each([
  [[], [], "success"],
  [[finding(1, "warning")], [], "neutral"],
  [[finding(1)], [], "failure"],
  // A file GitHub gave no text for was not audited: never a pass.
  [[], [".github/workflows/big.yml"], "failure"],
] as const)("conclusion of %j with unreadable %j is %s", (findings, unreadable, conclusion) => {
  expect(workflowAuditReport(findings, 1, unreadable).conclusion).toBe(conclusion);
});

test("more than 50 annotations: created with 50, the rest added 50 per update", async () => {
  const report = workflowAuditReport(
    Array.from({ length: 120 }, (_, i) => finding(i + 1)),
    1,
    [],
  );
  expect(reportWrites(report)).toBe(3);
  const sizes: number[] = [];
  nock("https://api.github.com")
    .post("/repos/acme/app/check-runs", (body) => {
      sizes.push(body.output.annotations.length);
      return body.head_sha === "abc" && body.conclusion === "failure";
    })
    .reply(201, { id: 9 })
    .patch("/repos/acme/app/check-runs/9", (body) => {
      sizes.push(body.output.annotations.length);
      return !("conclusion" in body);
    })
    .times(2)
    .reply(200, { id: 9 });
  const octokit = new ProbotOctokit({
    auth: { token: "t" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  await publishWorkflowAudit(octokit, { owner: "acme", repo: "app" }, "abc", report);
  expect(sizes).toEqual([50, 50, 20]);
  expect(nock.pendingMocks()).toEqual([]);
});
