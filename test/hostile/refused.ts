/**
 * What every hostile-input case ends with: nothing written to JFrog, no branch, commit, PR or comment on GitHub,
 * and the reason where the admin or author looks (a failed `jfrog-oidc config` check run and the log). The
 * check run's text is only code spans: whatever the input held cannot render as markup there.
 *
 * The cases share one world: each takes a `refusalMark` before its input arrives and judges only what came after.
 */
import { expect } from "vitest";
import { CHECK_RUN_NAME } from "../../src/github/config-check-run.js";
import type { RepoSnapshot } from "../../src/sandbox/github/index.js";
import type { World } from "../../src/sandbox/world.js";
import { writesSince } from "../e2e/writes.js";

export { writesSince };

export interface RefusalMark {
  github: number;
  jfrog: number;
  logs: number;
  /** The repository where the refusal belongs, and how many check runs it had before (none if it is yet to come). */
  where: string;
  checkRuns: number;
}

export function refusalMark(world: World, where: string): RefusalMark {
  return {
    github: world.github.requests.length,
    jfrog: world.jfrog.requests.length,
    logs: world.logs.length,
    where,
    checkRuns: existing(world, where)?.checkRuns.length ?? 0,
  };
}

function existing(world: World, name: string): RepoSnapshot | undefined {
  try {
    return world.github.repository(world.org, name);
  } catch {
    return undefined;
  }
}

type CheckRun = RepoSnapshot["checkRuns"][number];

/** One new check run on the marked repository, failed, whose summary names every `expected` fragment; nothing else written. */
export function expectRefusedWithCheckRun(world: World, mark: RefusalMark, expected: string[]): CheckRun {
  expect(writesSince(world, mark)).toEqual({
    github: [`POST /repos/${world.org}/${mark.where}/check-runs`],
    jfrog: [],
  });
  const runs = world.github.repository(world.org, mark.where).checkRuns.slice(mark.checkRuns);
  expect(runs).toHaveLength(1);
  const [check] = runs;
  expect(check).toMatchObject({ name: CHECK_RUN_NAME, conclusion: "failure" });
  const summary = check?.summary ?? "";
  for (const fragment of expected) expect(summary).toContain(fragment);
  expectOnlyCodeSpans(summary);
  const levels = world.logs.slice(mark.logs).map((l) => (JSON.parse(l) as { level: number }).level);
  expect(levels.some((level) => level >= 40)).toBe(true);
  return check as CheckRun;
}

/** The app's log lines since `mark` with this message. */
export function logged(world: World, mark: { logs: number }, msg: string): Array<Record<string, unknown>> {
  return world.logs
    .slice(mark.logs)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg);
}

/** Every line a bullet holding one code span: no HTML, link, mention or emphasis can render. */
export function expectOnlyCodeSpans(markdown: string): void {
  for (const line of markdown.split("\n")) expect(line).toMatch(/^- `[^`\n]*`$/);
}

/** A character written out by its code point, so a fixture's name and source show what it holds. */
export function char(codePoint: number): string {
  return String.fromCodePoint(codePoint);
}
