// Temporary: the nock-harness helper, until the last hostile suite moves to the emulator (then this file goes).
/**
 * What every hostile-input case ends with: nothing written to JFrog, no branch, commit, PR or comment on GitHub,
 * and the reason where the admin or author looks (a failed `jfrog-oidc config` check run and the log). The
 * check run's text is only code spans: whatever the input held cannot render as markup there.
 */
import { expect } from "vitest";
import { CHECK_RUN_NAME } from "../../src/github/config-check-run.js";
import type { FakeRepo } from "../app/fake-github.js";
import type { Harness } from "../app/world.js";

/** One check run on `where`, failed, whose summary names every `expected` fragment; nothing else written. */
export function expectRefusedWithCheckRun(h: Harness, where: FakeRepo, expected: string[]): void {
  expect(h.jfrog.writes()).toEqual([]);
  expect(h.github.writes()).toEqual([`POST /repos/${where.owner}/${where.name}/check-runs`]);
  expect(where.checkRuns).toHaveLength(1);
  const [check] = where.checkRuns;
  expect(check).toMatchObject({ name: CHECK_RUN_NAME, conclusion: "failure" });
  const summary = check?.output.summary ?? "";
  for (const fragment of expected) expect(summary).toContain(fragment);
  expectOnlyCodeSpans(summary);
  expect(h.logs().some((l) => l.level >= 40)).toBe(true);
}

/** Every line a bullet holding one code span: no HTML, link, mention or emphasis can render. */
export function expectOnlyCodeSpans(markdown: string): void {
  for (const line of markdown.split("\n")) expect(line).toMatch(/^- `[^`\n]*`$/);
}

/** A character written out by its code point, so a fixture's name and source show what it holds. */
export function char(codePoint: number): string {
  return String.fromCodePoint(codePoint);
}
