import { describe, expect, it } from "vitest";
import {
  MAX_COMMENT_CHARS,
  type ParsedCommand,
  parseComment,
} from "../../src/commands/parse/parse-comment.js";

/** A compact spelling of a parse result: `status`, `verify ref=refs/heads/x`, `!verify: <problem>`. */
function show(command: ParsedCommand): string {
  if (!command.ok) return `!${command.name ?? "?"}: ${command.problem}`;
  return [command.name, ...Object.entries(command.options).map(([k, v]) => `${k}=${v}`)].join(" ");
}

const parse = (body: string) => parseComment(body).commands.map(show);

describe("where a command counts", () => {
  it.each<[string, string, string[]]>([
    ["a command alone", "/jfrog-oidc status", ["status"]],
    ["the bare prefix (help)", "/jfrog-oidc", ["help"]],
    ["any case, extra spaces", "/JFROG-OIDC   Status  ", ["status"]],
    ["up to three spaces of indentation", "   /jfrog-oidc status", ["status"]],
    ["after a paragraph line", "Could you check?\n/jfrog-oidc status", ["status"]],
    ["several, in order", "/jfrog-oidc status\nsome text\n/jfrog-oidc plan", ["status", "plan"]],
    ["CRLF line endings", "hi\r\n/jfrog-oidc status\r\n", ["status"]],
    ["a no-break space after the prefix", "/jfrog-oidc\u00a0status", ["status"]],
    ["indented code (4 spaces)", "    /jfrog-oidc status", []],
    ["indented code (tab)", "\t/jfrog-oidc status", []],
    ["a quote", "> /jfrog-oidc status", []],
    ["a quote without a space", ">/jfrog-oidc status", []],
    ["a nested quote", "> > /jfrog-oidc status", []],
    ["a quote's lazy continuation", "> I ran\n/jfrog-oidc disable", []],
    ["after a quote and a blank line", "> I ran\n\n/jfrog-oidc status", ["status"]],
    ["a fenced block", "```\n/jfrog-oidc status\n```", []],
    ["a fenced block with info string", "```sh\n/jfrog-oidc status\n```\n/jfrog-oidc plan", ["plan"]],
    ["a tilde fence not closed by a shorter one", "~~~~\n/jfrog-oidc status\n~~~\n/jfrog-oidc disable", []],
    ["a backtick fence not closed by tildes", "```\n~~~\n/jfrog-oidc disable", []],
    ["an unclosed fence (code to the end)", "```\n/jfrog-oidc status", []],
    ["a fence in a quote", "> ```\n> /jfrog-oidc status\n> ```", []],
    ["inline code that looks like a fence", "``` `x` ```\n/jfrog-oidc plan", ["plan"]],
    ["a multi-line HTML comment", "<!--\n/jfrog-oidc disable\n-->\n/jfrog-oidc plan", ["plan"]],
    ["an HTML comment opened mid-line", "note <!-- hidden\n/jfrog-oidc disable\n-->", []],
    ["a closed one-line HTML comment", "<!-- x -->\n/jfrog-oidc plan", ["plan"]],
    ["preformatted HTML", "<pre>\n/jfrog-oidc disable\n</pre>\n/jfrog-oidc plan", ["plan"]],
    ["preformatted HTML with blank lines", "<PRE class=x>\n\n/jfrog-oidc disable\n\n</PRE>", []],
    ["a one-line raw HTML block", "<textarea>x</textarea>\n\n/jfrog-oidc plan", ["plan"]],
    ["a folded section", "<details>\n/jfrog-oidc disable\n</details>", []],
    [
      "a folded section's Markdown after a blank line",
      "<details><summary>log</summary>\n\n/jfrog-oidc disable\n\n</details>\n\n/jfrog-oidc plan",
      ["plan"],
    ],
    ["nested folded sections", "<details>\n<details>\n\n</details>\n\n/jfrog-oidc disable\n</details>", []],
    ["any block-level element", "<div align=center>\n/jfrog-oidc disable", []],
    ["a table cell", "<table><tr><td>\n\n/jfrog-oidc disable\n\n</td></tr></table>", []],
    ["an element opened mid-paragraph", "see <details>\n\n/jfrog-oidc disable\n\n</details>", []],
    ["a line that is only a tag", "<custom-element>\n/jfrog-oidc disable\n\n/jfrog-oidc plan", ["plan"]],
    ["a closing tag starts a block too", "</div>\n/jfrog-oidc disable", []],
    ["a processing instruction", "<?php\n/jfrog-oidc disable\n?>\n/jfrog-oidc plan", ["plan"]],
    ["a declaration", "<!DOCTYPE\n/jfrog-oidc disable\n>\n/jfrog-oidc plan", ["plan"]],
    ["CDATA", "<![CDATA[\n/jfrog-oidc disable\n]]>\n/jfrog-oidc plan", ["plan"]],
    ["a tag shown as code is text", "Wrap it in `<details>`.\n/jfrog-oidc plan", ["plan"]],
    ["inline HTML that holds nothing", "<b>bold</b> text\n/jfrog-oidc plan", ["plan"]],
    ["after the element closes", "<details>\nlog\n</details>\n\n/jfrog-oidc plan", ["plan"]],
    ["mid-line", "please run /jfrog-oidc status", []],
    ["in a list item", "- /jfrog-oidc status", []],
    ["glued to a word", "/jfrog-oidcstatus", []],
    ["a longer prefix", "/jfrog-oidc-status", []],
  ])("%s", (_name, body, expected) => {
    expect(parse(body)).toEqual(expected);
  });
});

describe("what a command line means", () => {
  it.each<[string, string[]]>([
    ["/jfrog-oidc verify", ["verify"]],
    ["/jfrog-oidc verify ref=main", ["verify ref=refs/heads/main"]],
    ["/jfrog-oidc verify REF=refs/tags/v1.0", ["verify ref=refs/tags/v1.0"]],
    ["/jfrog-oidc verify ref=refs/pull/12/merge", ["verify ref=refs/pull/12/merge"]],
    [
      '/jfrog-oidc verify environment="prod eu" workflow=release.yml',
      ["verify environment=prod eu workflow=.github/workflows/release.yml"],
    ],
    ["/jfrog-oidc verify workflow=.github/workflows/ci.yaml", ["verify workflow=.github/workflows/ci.yaml"]],
    ["/jfrog-oidc rollout status", ["rollout status"]],
    ["/jfrog-oidc rollout", ["rollout"]],
    ["/jfrog-oidc rollout pause", ["rollout pause"]],
    ["/jfrog-oidc Rollout RESUME", ["rollout resume"]],
    ["/jfrog-oidc ROLLOUT Status", ["rollout status"]],
    ["/jfrog-oidc frobnicate", ["!?: unknown command `frobnicate`"]],
    ["/jfrog-oidc status; rm -rf /", ["!?: unknown command `status;`"]],
    ["/jfrog-oidc status now", ["!status: expected `key=value`, got `now`"]],
    ["/jfrog-oidc status x=1", ["!status: `status` takes no options (got `x`)"]],
    ["/jfrog-oidc verify colour=red", ["!verify: unknown option `colour`"]],
    ["/jfrog-oidc verify constructor=x", ["!verify: unknown option `constructor`"]],
    ["/jfrog-oidc verify __proto__=x", ["!verify: expected `key=value`, got `__proto__=x`"]],
    ["/jfrog-oidc verify ref=a ref=b", ["!verify: option `ref` given twice"]],
    [
      "/jfrog-oidc verify ref=$(whoami)",
      ["!verify: ref: `$(whoami)` is not a git ref (letters, digits, `._/+-`; no `..`)"],
    ],
    [
      "/jfrog-oidc verify ref=../../etc/passwd",
      ["!verify: ref: `../../etc/passwd` is not a git ref (letters, digits, `._/+-`; no `..`)"],
    ],
    [
      "/jfrog-oidc verify ref=refs/remotes/x",
      [
        "!verify: ref: `refs/remotes/x` must be a branch name, `refs/heads/…`, `refs/tags/…` or `refs/pull/<n>/merge`",
      ],
    ],
    [
      "/jfrog-oidc verify ref=refs/heads/*",
      ["!verify: ref: `refs/heads/*` is not a git ref (letters, digits, `._/+-`; no `..`)"],
    ],
    [
      '/jfrog-oidc verify environment="prod',
      ['!verify: environment: `"prod` is not a GitHub environment name'],
    ],
    [
      "/jfrog-oidc verify environment=pr`od",
      ["!verify: environment: `pr'od` is not a GitHub environment name"],
    ],
    [
      "/jfrog-oidc verify workflow=../x.yml",
      ["!verify: workflow: `../x.yml` is not a workflow file such as `release.yml`"],
    ],
    [
      "/jfrog-oidc verify workflow=.hidden.yml",
      ["!verify: workflow: `.hidden.yml` is not a workflow file such as `release.yml`"],
    ],
    ["/jfrog-oidc rollout start", ["!rollout: unknown rollout command `start`"]],
    ["/jfrog-oidc rollout force=1", ["!rollout: `rollout` takes no options (got `force`)"]],
    [
      "/jfrog-oidc rollout status force=1",
      ["!rollout status: `rollout status` takes no options (got `force`)"],
    ],
  ])("%s", (line, expected) => {
    expect(parse(line)).toEqual(expected);
  });
});

describe("hostile input", () => {
  it("replaces invisible and bidi-control characters when echoing a word", () => {
    expect(parse("/jfrog-oidc st\u200batus")).toEqual(["!?: unknown command `st\ufffdatus`"]);
    expect(parse("/jfrog-oidc \u202estatus")).toEqual(["!?: unknown command `\ufffdstatus`"]);
  });

  it("cannot break out of the code span that echoes it", () => {
    const [problem] = parse("/jfrog-oidc ``</details>@everyone");
    expect(problem).toBe("!?: unknown command `''</details>@everyone`");
  });

  it("bounds the words of a line and their length", () => {
    expect(parse(`/jfrog-oidc verify ${"a=b ".repeat(20)}`)).toEqual([
      "!?: too many words (at most 8 after `/jfrog-oidc`)",
    ]);
    expect(parse(`/jfrog-oidc verify ref=${"a".repeat(5000)}`)).toEqual([
      "!?: a word of 5004 characters is too long",
    ]);
  });

  it("runs at most five commands and counts the rest", () => {
    expect(parseComment("/jfrog-oidc help\n".repeat(9))).toMatchObject({ dropped: 4 });
    expect(parseComment("/jfrog-oidc help\n".repeat(9)).commands).toHaveLength(5);
  });

  it("reads no further than GitHub's comment limit, quickly, however the comment is built", () => {
    const late = `${"x".repeat(MAX_COMMENT_CHARS)}\n/jfrog-oidc disable`;
    expect(parse(late)).toEqual([]);

    const pathological = [
      "`".repeat(200_000),
      `${"> ".repeat(100_000)}/jfrog-oidc status`,
      `/jfrog-oidc verify ${'"'.repeat(100_000)}`,
      `/jfrog-oidc ${"a".repeat(1_000_000)}`,
      "<!--".repeat(100_000),
      "\n".repeat(500_000),
    ];
    const started = performance.now();
    for (const body of pathological) parseComment(body);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("treats unicode look-alikes of the prefix as text", () => {
    expect(parse("／jfrog-oidc status")).toEqual([]);
    expect(parse("/jfrog‐oidc status")).toEqual([]);
  });
});
