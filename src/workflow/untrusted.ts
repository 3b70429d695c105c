/**
 * Guards for values that come from outside the app (repository and branch names from GitHub, patterns and names
 * from policy or a repository's own config) before they are placed in a workflow.
 *
 * The YAML library quotes them, so they cannot add keys; what quoting cannot stop is GitHub evaluating
 * `${{ … }}` inside almost any string of a workflow
 * (https://docs.github.com/actions/reference/workflows-and-actions/expressions), and parsers disagreeing on
 * what a line break is. Those values are refused instead. The policy schema refuses them first
 * (config/inert-text.ts); this is the second line, for values that reach the renderer another way.
 */
import { codePoint, EXPRESSION_OPENER, UNSAFE_CHARACTER } from "../config/inert-text.js";

/** Throws when `value` would be evaluated as a GitHub expression or holds a character parsers disagree on. */
export function assertInert(field: string, value: string): string {
  if (value.includes(EXPRESSION_OPENER))
    throw new Error(
      `${field} ${JSON.stringify(value)} contains "\${{", which GitHub Actions would evaluate as an expression; refusing to render the workflow`,
    );
  const unsafe = UNSAFE_CHARACTER.exec(value)?.[0];
  if (unsafe !== undefined)
    throw new Error(
      `${field} ${JSON.stringify(value)} contains the control or bidi character ${codePoint(unsafe)}; refusing to render the workflow`,
    );
  return value;
}

/**
 * Rules of `git check-ref-format --branch`: https://git-scm.com/docs/git-check-ref-format.
 * A name breaking them is not a branch GitHub could have, so it signals a bug or a forged payload.
 */
const INVALID_BRANCH = /[\p{Cc} ~^:?*[\\]|\.\.|@\{|\/\/|^[-/.]|\/\.|\.lock(\/|$)|[/.]$|^@$/u;

export function assertBranchName(field: string, branch: string): string {
  assertInert(field, branch);
  if (branch === "" || INVALID_BRANCH.test(branch))
    throw new Error(`${field} ${JSON.stringify(branch)} is not a valid git branch name`);
  return branch;
}

/**
 * Makes a branch name match itself literally in `on.push.branches`, where `*`, `?`, `+`, `[` and a leading `!`
 * are pattern syntax and `\` escapes them:
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet
 * A `]` without its `[` is literal, and escaping it is an error (actionlint: "only [, ?, +, *, \ ! can be escaped").
 */
export function escapeFilterPattern(literal: string): string {
  return literal.replace(/[*?+[\\]/g, "\\$&").replace(/^!/, "\\!");
}

/**
 * A value as it appears in a YAML comment: JSON-quoted with everything outside printable ASCII escaped, so
 * no newline can end the comment and no bidi character can disguise it. `JSON.parse` gives the value back.
 */
export function quoteForComment(value: string): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${hex4(c.charCodeAt(0))}`);
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0");
}
