/**
 * HTML in a comment, for the command scanner: where an HTML block starts and ends (CommonMark's seven kinds), and
 * whether a line sits inside an HTML element that is still open (`<details>` … `</details>`). GitHub renders both
 * as something other than the comment's own words (a folded section, preformatted text, a table cell), so no line
 * in them runs a command.
 *
 * Stricter than CommonMark on purpose: there, a blank line ends a `<details>` block and the paragraph after it is
 * ordinary Markdown, yet GitHub shows it INSIDE the folded section, where a reader does not see it. So an element
 * opened anywhere stays "open" until its closing tag, and where unsure the scanner skips rather than runs.
 * https://spec.commonmark.org/0.31.2/#html-blocks
 */

/** CommonMark's block-level tag names (kind 6). */
const BLOCK_TAGS =
  "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|" +
  "fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|" +
  "menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|" +
  "track|ul";

/** Elements whose content GitHub shows apart from the comment's text, and that always have a closing tag. */
const CONTAINERS = new Set([
  ...[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
  ],
  ...["figure", "footer", "form", "header", "iframe", "main", "menu", "nav", "ol", "section", "table", "ul"],
  ...[
    "pre",
    "script",
    "style",
    "textarea",
    "code",
    "kbd",
    "samp",
    "template",
    "noscript",
    "object",
    "svg",
    "math",
  ],
]);

/** How an HTML block that starts on a line ends: at a line containing this, or at the next blank line. */
export type HtmlBlockEnd = RegExp | "blank line";

const STARTS: Array<[RegExp, (match: RegExpMatchArray) => HtmlBlockEnd]> = [
  [/^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)/i, (m) => new RegExp(`</${m[1]}>`, "i")],
  [/^ {0,3}<\?/, () => /\?>/],
  [/^ {0,3}<!\[CDATA\[/, () => /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, () => />/],
  [new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?=[\\s/>]|$)`, "i"), () => "blank line"],
  // Kind 7: a line that is only a complete open or closing tag of any other element.
  [/^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/, () => "blank line"],
];

/** The end of the HTML block this line starts, or null when it starts none. (`<!--` is handled by the caller.) */
export function htmlBlockStart(line: string): HtmlBlockEnd | null {
  for (const [start, end] of STARTS) {
    const match = line.match(start);
    if (match) return end(match);
  }
  return null;
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(\/?)>/g;
const CODE_SPAN = /(`+)[^`]*?\1/g;

/** How many container elements are open after `line`, given how many were open before it. */
export function openElementsAfter(line: string, open: number): number {
  let depth = open;
  // A tag shown as code (`<details>`) is text, not an element.
  for (const [, closing, name, selfClosing] of line.replace(CODE_SPAN, "").matchAll(TAG)) {
    if (!CONTAINERS.has((name ?? "").toLowerCase()) || selfClosing) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
  }
  return depth;
}
