/** HCL strings the app writes can never turn into an expression, whatever a value holds. */
import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { hclString } from "../../src/cli/format-terraform.js";

describe("hclString", () => {
  it.each([
    ['quote " and backslash \\', 'quote \\" and backslash \\\\'],
    ["line\nbreak\ttab", "line\\nbreak\\ttab"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL's interpolation syntax, on purpose
    ['${file("/etc/passwd")}', '$${file(\\"/etc/passwd\\")}'],
    ["%{ if true }x%{ endif }", "%%{ if true }x%%{ endif }"],
    ["bell\u0007", "bell\\u0007"],
  ])("%j is written %j", (value, escaped) => {
    expect(hclString(value)).toBe(`"${escaped}"`);
  });

  it("parses back as a literal, not a template, with a real HCL parser", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: HCL's interpolation syntax, on purpose
    const value = 'repo "x" ${var.secret} %{ if 1 }y%{ endif }';
    const parsed = (await parse("t.tf", `v = ${hclString(value)}\n`)) as { v: string };
    // hcl2json keeps a template's interpolations as `${…}`: an escaped one stays doubled, so it never evaluates.
    expect(parsed.v).not.toMatch(/(^|[^$])\$\{var\.secret\}/);
    expect(parsed.v).toContain("var.secret");
  });
});
