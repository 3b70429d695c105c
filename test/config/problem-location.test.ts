/** Where a config problem is written: the line an annotation goes on, in the file of the policy chain that says it. */
import { describe, expect, it } from "vitest";
import { fieldLine, locateProblem } from "../../src/config/problem-location.js";

const POLICY = [
  "# acme's policy", //              1
  "provider:", //                    2
  "  name: github-acme", //          3
  "  audience: jfrog-github", //     4
  "claims:", //                      5
  "  ref:", //                       6
  "    - $default", //               7
  "    - refs/tags/*", //            8
  "defaults: &shared", //            9
  "  expiresIn: 5", //               10
  "token: *shared", //               11
].join("\n");

describe("fieldLine", () => {
  it.each([
    ["provider.name", 3],
    ["provider.audience", 4],
    ["claims.ref", 6],
    ["claims.ref.1", 8],
    // An alias is followed to its anchor, where the value is written.
    ["token.expiresIn", 10],
  ])("finds %s on line %i", (field, line) => {
    expect(fieldLine(POLICY, field)).toEqual({ line, exact: true });
  });

  it("puts a missing field on the deepest part of its path the file writes", () => {
    expect(fieldLine(POLICY, "provider.manage")).toEqual({ line: 2, exact: false });
    expect(fieldLine(POLICY, "pullRequest.branch")).toEqual({ line: 1, exact: false });
  });

  it("puts a YAML syntax error on the line the parser names", () => {
    expect(fieldLine("a: 1\nb: 2\nc: d: e\n", "(file)")).toEqual({ line: 3, exact: true });
    expect(fieldLine("provider:\n  name: a\n  audience: [unclosed\ntoken: {}\n", "(file)")).toEqual({
      line: 4,
      exact: true,
    });
    expect(fieldLine("a: 1\n", "(file)")).toEqual({ line: 1, exact: false });
  });
});

describe("locateProblem", () => {
  const org = { at: { owner: "acme", repo: ".github", path: ".github/jfrog-oidc.yml" }, text: POLICY };
  const base = {
    at: { owner: "acme", repo: ".github", path: "policies/base.yml" },
    text: "pullRequest:\n  labels: [' ']\n",
  };
  const label = "acme/.github:.github/jfrog-oidc.yml";

  it("finds a merged-policy problem in the base that writes the field", () => {
    const problem = { file: label, field: "pullRequest.labels.0", message: "must not be empty" };
    expect(locateProblem(problem, [org, base])).toEqual({ at: base.at, line: 2, exact: true });
  });

  it("prefers the org file when both write the field (the org file wins the merge)", () => {
    const problem = { file: label, field: "provider.name", message: "bad" };
    expect(locateProblem(problem, [org, { ...base, text: "provider:\n  name: x\n" }])).toEqual({
      at: org.at,
      line: 3,
      exact: true,
    });
  });

  it("puts a problem that no file writes on the org file, at its nearest parent", () => {
    const problem = { file: label, field: "token.groups", message: "is required when scope is groups" };
    expect(locateProblem(problem, [org, base])).toEqual({ at: org.at, line: 11, exact: false });
  });
});
