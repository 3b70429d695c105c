/**
 * Every `with:` input the renderer writes exists in the `action.yml` of the action's major, as quoted (with the
 * commit it came from) in test/workflow/action-inputs/. The runner ignores an unknown input with only a warning in
 * the run's log, so a renamed or removed input would silently change what the generated workflow does.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ECOSYSTEMS } from "../../src/config/policy-schema.js";
import {
  ACTIONS,
  ACTIONS_CHECKED_ON,
  SETUP_JFROG_CLI,
  SETUP_JFROG_CLI_INPUTS,
} from "../../src/workflow/actions.js";
import { renderWorkflow } from "../../src/workflow/render-workflow.js";
import { PINNED_SHA, workflowInput } from "./fixtures.js";

const DIR = "test/workflow/action-inputs";

interface ActionInput {
  required?: boolean | string;
  default?: unknown;
}

/** `owner/name@vN` → the inputs its quoted action.yml declares. */
const quoted = new Map<string, { inputs: Record<string, ActionInput>; header: string }>(
  readdirSync(DIR)
    .filter((file) => file.endsWith(".yml"))
    .map((file) => {
      const [owner, ...name] = file.replace(/\.yml$/, "").split(".");
      const text = readFileSync(`${DIR}/${file}`, "utf8");
      const inputs = (parse(text) as { inputs: Record<string, ActionInput> }).inputs;
      return [`${owner}/${name.join(".")}`, { inputs, header: text.split("\n", 3).join("\n") }] as const;
    }),
);

/** The major the reference names: `v7`, or the tag's major when pinned by SHA with a `# v5.1.0` comment. */
function quoteFor(uses: string) {
  const [action] = uses.split("@");
  const major = uses.match(/@(v\d+)/)?.[1] ?? "v5";
  const quote = quoted.get(`${action}@${major}`);
  if (!quote) throw new Error(`no quoted action.yml for ${action}@${major} in ${DIR}`);
  return quote;
}

interface RenderedStep {
  uses?: string;
  with?: Record<string, unknown>;
}

const variants = ECOSYSTEMS.flatMap((ecosystem) =>
  [true, false].flatMap((publish) =>
    [false, true].map((pinned) =>
      workflowInput({
        ecosystem,
        workflow: {
          publish,
          setupJfrogCli: pinned ? { version: "v5.1.0", sha: PINNED_SHA } : { version: "v5" },
        },
      }),
    ),
  ),
);

/** Each distinct `uses:` + `with:` the renderer writes, across every ecosystem and variant. */
const stepsUsingActions = [
  ...new Map(
    variants
      .flatMap((input) => {
        const workflow = parse(renderWorkflow(input)) as { jobs: Record<string, { steps: RenderedStep[] }> };
        return Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses));
      })
      .map((step) => [JSON.stringify([step.uses, Object.keys(step.with ?? {}).sort()]), step] as const),
  ).values(),
];

describe("the actions the generated workflow uses", () => {
  it("are at the majors in the one table, each with its action.yml quoted with where it came from", () => {
    for (const uses of Object.values(ACTIONS)) {
      expect(quoteFor(uses).header).toMatch(
        /at tag v\d+[.\d]* \(commit [0-9a-f]{40}, committed \d{4}-\d{2}-\d{2}\)/,
      );
    }
    expect(ACTIONS_CHECKED_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const used = new Set(stepsUsingActions.map((step) => step.uses?.split("@")[0]));
    expect(used).toEqual(
      new Set([...Object.values(ACTIONS).map((uses) => uses.split("@")[0]), SETUP_JFROG_CLI]),
    );
  });

  it.each(stepsUsingActions.map((step) => [step.uses, step] as const))(
    "%s: every input written is declared, every required one written",
    (uses, step) => {
      const { inputs } = quoteFor(uses ?? "");
      const written = Object.keys(step.with ?? {});
      expect(written.filter((input) => !Object.hasOwn(inputs, input))).toEqual([]);
      const required = Object.entries(inputs)
        .filter(([, spec]) => String(spec?.required) === "true" && spec?.default === undefined)
        .map(([name]) => name);
      expect(required.filter((input) => !written.includes(input))).toEqual([]);
    },
  );

  it("offer setup-jfrog-cli only inputs its action.yml declares", () => {
    const { inputs } = quoteFor(`${SETUP_JFROG_CLI}@v5`);
    expect(SETUP_JFROG_CLI_INPUTS.filter((input) => !Object.hasOwn(inputs, input))).toEqual([]);
  });

  it("know that setup-python v7 has no pip-install (removed in v7)", () => {
    expect(Object.keys(quoteFor(ACTIONS.setupPython).inputs)).not.toContain("pip-install");
    expect(stepsUsingActions.some((step) => step.with && "pip-install" in step.with)).toBe(false);
  });
});
