import { describe, expect, test } from "vitest";
import { auditRepository } from "../../src/audit/audit-repository.js";
import { auditWorkflow } from "../../src/audit/audit-workflow.js";
import type { Finding } from "../../src/audit/finding.js";
import { contextFor, expectedFindings, repositories, singleFiles } from "./corpus.js";

const found = (findings: Finding[]) => findings.map((f) => `${f.path}:${f.start.line} ${f.rule}`).sort();

test("the corpus is varied enough to mean something", () => {
  const files = singleFiles().length + repositories().reduce((n, r) => n + r.files.size, 0);
  expect(files).toBeGreaterThanOrEqual(25);
  const rules = new Set(
    [...singleFiles().flatMap((f) => expectedFindings(f.path, f.content))].map((e) => e.split(" ")[1]),
  );
  // Every rule family is exercised at least once by a single file.
  expect([...rules].sort()).toEqual([
    "action-branch-ref",
    "action-outdated-major",
    "action-unpinned",
    "audience-mismatch",
    "audience-missing",
    "id-token-missing",
    "manual-exchange",
    "provider-mismatch",
    "stored-credential",
    "unparseable",
    "untrusted-trigger",
  ]);
});

describe("each corpus workflow gets exactly its expected findings", () => {
  test.each(singleFiles())("$path", ({ path, content }) => {
    const findings = auditWorkflow(path, content, contextFor(content));
    expect(found(findings)).toEqual(expectedFindings(path, content).sort());
  });
});

describe("each corpus repository gets exactly its expected findings", () => {
  test.each(repositories())("$name", ({ files }) => {
    const expected = [...files].flatMap(([path, content]) => expectedFindings(path, content)).sort();
    expect(found(auditRepository(files, contextFor("")))).toEqual(expected);
  });
});
