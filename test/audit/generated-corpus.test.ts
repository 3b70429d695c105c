import { expect, test } from "vitest";
import { auditWorkflow } from "../../src/audit/audit-workflow.js";
import { generatedWorkflow } from "../../src/bench/audit-corpus.js";
import { contextFor } from "./corpus.js";

test("the benchmark's generated corpus parses and exercises the rule families (so its throughput means something)", () => {
  const rules = new Set<string>();
  for (let i = 0; i < 200; i++)
    for (const f of auditWorkflow(`.github/workflows/w${i}.yml`, generatedWorkflow(i), contextFor("")))
      rules.add(f.rule);
  expect([...rules].sort()).toEqual([
    "action-branch-ref",
    "action-outdated-major",
    "audience-missing",
    "id-token-missing",
    "provider-mismatch",
    "stored-credential",
    "untrusted-trigger",
  ]);
  expect(generatedWorkflow(7)).toBe(generatedWorkflow(7));
});
