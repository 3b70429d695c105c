/**
 * The lines of a comment where a slash-command counts. Follows CommonMark (what GitHub renders) closely enough
 * that text shown as code, as a quote or as HTML never runs: fenced code blocks, indented code, block quotes with
 * their lazy continuation lines, HTML comments (invisible when rendered), HTML blocks, and everything inside an
 * HTML element such as `<details>` until it closes (html-blocks.ts) are skipped. Where the rules get subtle it
 * skips rather than runs: a missed command is typed again, a command run from a quoted reply is not undone.
 * https://spec.commonmark.org/0.31.2/#fenced-code-blocks, #block-quotes, #indented-code-blocks, #html-blocks
 *
 * Why not a CommonMark library: tried (issue 11) with mdast-util-from-markdown (micromark) and commonmark.js. Both
 * are superlinear on hostile comments of GitHub's full 64 KiB: 32k nested `> ` quotes took minutes in micromark,
 * 16k unclosed `[a](` tens of seconds in both, all of it blocking the webhook handler. This scanner is linear (see
 * "reads no further than GitHub's comment limit, quickly" in test/commands/parse-comment.test.ts).
 */
import { type HtmlBlockEnd, htmlBlockStart, openElementsAfter } from "./html-blocks.js";

export interface SourceLine {
  /** 1-based, for logs. */
  number: number;
  /** Without its (at most three spaces of) indentation. */
  text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const QUOTE = /^ {0,3}>/;
const INDENTED = /^( {4,}|\t| {0,3}\t)/;
const BLANK = /^\s*$/;

export function commandLines(body: string): SourceLine[] {
  const out: SourceLine[] = [];
  let fence: { char: string; length: number } | null = null;
  let inHtmlComment = false;
  let inQuote = false;
  let htmlBlock: HtmlBlockEnd | null = null;
  /** HTML elements (`<details>`, `<pre>`, …) opened and not yet closed: their content never runs. */
  let openElements = 0;

  body.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (fence) {
      const close = line.match(FENCE);
      const marks = close?.[1] ?? "";
      if (marks[0] === fence.char && marks.length >= fence.length && (close?.[2] ?? "").trim() === "")
        fence = null;
      return;
    }
    if (inHtmlComment) {
      if (line.includes("-->")) inHtmlComment = opensHtmlComment(line.slice(line.lastIndexOf("-->") + 3));
      return;
    }
    if (htmlBlock && htmlBlock !== "blank line") {
      if (htmlBlock.test(line)) htmlBlock = null;
      openElements = openElementsAfter(line, openElements);
      return;
    }
    if (BLANK.test(line)) {
      inQuote = false;
      htmlBlock = null;
      return;
    }
    if (htmlBlock) {
      openElements = openElementsAfter(line, openElements);
      if (opensHtmlComment(line)) inHtmlComment = true;
      return;
    }
    const open = line.match(FENCE);
    // A backtick fence's info string may not hold a backtick (then it is inline code, not a fence).
    if (open?.[1] && !(open[1][0] === "`" && (open[2] ?? "").includes("`"))) {
      fence = { char: open[1][0] ?? "`", length: open[1].length };
      inQuote = false;
      return;
    }
    if (QUOTE.test(line) || inQuote) {
      // A line right after a quote line continues the quote's paragraph ("lazy continuation").
      inQuote = true;
      return;
    }
    if (opensHtmlComment(line)) {
      inHtmlComment = true;
      // The part before `<!--` is still visible; only a line that starts with a command can count anyway.
    }
    if (INDENTED.test(line)) return;
    const openBefore = openElements;
    openElements = openElementsAfter(line, openElements);
    const start = htmlBlockStart(line);
    if (start) {
      // A block that ends on its own first line (`<pre>x</pre>`) is over at once.
      htmlBlock = start !== "blank line" && start.test(line.slice(1)) ? null : start;
      return;
    }
    if (openBefore > 0) return;
    out.push({ number: index + 1, text: line.replace(/^ {0,3}/, "") });
  });
  return out;
}

/** Whether `<!--` opens a comment that this line does not close again. */
function opensHtmlComment(line: string): boolean {
  const open = line.lastIndexOf("<!--");
  return open !== -1 && line.indexOf("-->", open + 4) === -1;
}
