/**
 * Markdown pieces for command replies and the onboarding PR's body. Anything that came from a comment, a branch
 * name, a config file or JFrog goes through `code`: inside a code span GitHub renders no HTML, no links and no
 * @-mentions, so input cannot inject markup, close a `<details>` block or ping anyone.
 */

/** Controls, bidirectional overrides and zero-width characters: they can make a reply read differently than it is. */
const INVISIBLE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/gu;
const MAX_CODE_CHARS = 200;

/**
 * Inline code that a backtick in the value cannot break out of (`` ` `` becomes `'`), bounded in length. A line
 * break would end the list item or table row it sits in, so it is shown as a space.
 */
export function code(value: string): string {
  return boundedCode(value, MAX_CODE_CHARS);
}

/** `code` with room for a longer value (a config problem's whole message). */
export function boundedCode(value: string, maxChars: number): string {
  const clean = value
    .replace(/\r\n?|\n/g, " ")
    .replace(INVISIBLE, "\uFFFD")
    .replaceAll("`", "'");
  const short = clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
  return `\`${short}\``;
}

/**
 * Every cell is escaped here, whatever built it: GitHub splits cells on `|` even inside code spans unless it is
 * escaped (https://github.github.com/gfm/#tables-extension-), and a line break would end the row.
 */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((c) => c.replaceAll("|", "\\|").replaceAll("\n", " ")).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** A collapsed section; blank lines around the body so GitHub renders the markdown inside it. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join("\n");
}
