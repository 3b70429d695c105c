import { describe, expect, it } from "vitest";
import { MAX_REPLY_CHARS, truncateReply } from "../../src/commands/render/truncate.js";
import { code, details, table } from "../../src/github/markdown.js";

describe("code and table", () => {
  it.each([
    ["plain", "`plain`"],
    ["a`b", "`a'b`"],
    ["<b>@all</b>", "`<b>@all</b>`"],
    ["rtl\u202Eoverride", "`rtl\uFFFDoverride`"],
    ["bell\u0007", "`bell\uFFFD`"],
  ])("code(%j)", (value, expected) => {
    expect(code(value)).toBe(expected);
  });

  it("bounds what it echoes", () => {
    expect(code("x".repeat(1000))).toBe(`\`${"x".repeat(200)}…\``);
  });

  it("escapes table pipes in cells", () => {
    expect(table(["v"], [[code("a|b")]]).split("\n")[2]).toBe("| `a\\|b` |");
  });

  it("keeps a row on one line", () => {
    expect(table(["v"], [["two\nlines"]]).split("\n")[2]).toBe("| two lines |");
  });
});

describe("truncateReply", () => {
  it("leaves short replies alone", () => {
    expect(truncateReply("short")).toBe("short");
  });

  it("cuts on a line, closes what the cut left open, and says so", () => {
    const long = [
      "intro",
      details("many lines", ["```", ...Array(5000).fill("a line of output")].join("\n")),
    ].join("\n");
    const cut = truncateReply(long);
    expect(long.length).toBeGreaterThan(MAX_REPLY_CHARS);
    expect(cut.length).toBeLessThanOrEqual(MAX_REPLY_CHARS);
    expect(cut).toMatch(
      /a line of output\n```\n\n<\/details>\n\n_…output truncated: it was too long for one comment._$/,
    );
  });

  it("never exceeds the limit even without newlines", () => {
    expect(truncateReply("x".repeat(100_000), 1000).length).toBeLessThanOrEqual(1000);
  });
});
