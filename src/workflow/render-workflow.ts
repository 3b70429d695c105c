/**
 * Renders the onboarding workflow: pure, from already-resolved inputs to YAML text.
 *
 * Built as data and serialised with the `yaml` Document API, so every value is quoted by the library. Values
 * from outside the app are either re-checked against the policy schema (those with a fixed shape) or passed
 * through `assertInert` and placed only where quoting makes them data: job/step env, `with:`, `on:`, comments.
 * `run:` scripts are constant text.
 */
import { Document } from "yaml";
import { providerSchema, workflowSchema } from "../config/policy-schema.js";
import { annotate, header } from "./comments.js";
import { checkoutStep, publishBuildInfoStep, setupJfrogCliStep } from "./common-steps.js";
import { RECIPES } from "./ecosystem-steps.js";
import { JOB_ENV_COMMENTS, jobEnv } from "./job-env.js";
import { recheck } from "./recheck.js";
import type { Step } from "./step.js";
import { renderTriggers } from "./triggers.js";
import { assertInert } from "./untrusted.js";
import type { WorkflowInput } from "./workflow-input.js";

const JOB_ID = "build";
const NOT_A_PULL_REQUEST = "github.event_name != 'pull_request'";

export function renderWorkflow(input: WorkflowInput): string {
  const { workflow } = input;
  const steps = jobSteps(input);
  const doc = new Document(
    {
      name: assertInert("workflow.name", workflow.name),
      on: renderTriggers(
        recheck(workflowSchema.shape.triggers, workflow.triggers, "workflow.triggers"),
        input.repository.defaultBranch,
      ),
      // Nothing at workflow level: the one job asks for exactly what it needs.
      permissions: {},
      jobs: {
        [JOB_ID]: {
          "runs-on": "ubuntu-latest",
          permissions: { contents: "read", "id-token": "write" },
          env: jobEnv(input),
          steps: steps.map(stepData),
        },
      },
    },
    // Shared objects (e.g. the branch list of push and pull_request) must not become YAML anchors.
    { aliasDuplicateObjects: false },
  );
  doc.commentBefore = header(input);
  annotate(doc, JOB_ID, steps, JOB_ENV_COMMENTS);
  return doc.toString({ lineWidth: 0, nullStr: "", blockQuote: "literal" });
}

function jobSteps(input: WorkflowInput): Step[] {
  const { workflow } = input;
  const recipe = RECIPES[input.ecosystem]({
    deploy: workflow.publish,
    uploadPattern: assertInert("workflow.genericPattern", workflow.genericPattern),
  });
  const publish = workflow.publish ? [...recipe.publish, publishBuildInfoStep] : [];
  return [
    checkoutStep,
    setupJfrogCliStep(
      {
        name: recheck(providerSchema.shape.name, input.provider.name, "provider.name"),
        audience: input.provider.audience,
      },
      recheck(workflowSchema.shape.setupJfrogCli, workflow.setupJfrogCli, "workflow.setupJfrogCli"),
    ),
    ...recipe.setup,
    ...recipe.build,
    // Pull requests build but never publish: unreviewed code must not reach the deploy repositories.
    ...(workflow.triggers.pullRequest ? publish.map(skipOnPullRequests) : publish),
  ];
}

/** The step as rendered: fixed key order, comments dropped (see `annotate`). */
function stepData(step: Step): Record<string, unknown> {
  return {
    name: step.name,
    id: step.id,
    if: step.if,
    uses: step.uses,
    with: step.with,
    env: step.env,
    // A final newline renders `run: |` rather than the `|-` of a script without one.
    run: step.run?.includes("\n") ? `${step.run}\n` : step.run,
  };
}

function skipOnPullRequests(step: Step): Step {
  return { ...step, if: step.if ? `${NOT_A_PULL_REQUEST} && ${step.if}` : NOT_A_PULL_REQUEST };
}
