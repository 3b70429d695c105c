/**
 * Renders the onboarding workflow: pure, from already-resolved inputs to YAML text.
 *
 * Built as data and serialised with the `yaml` Document API, so every value is quoted by the library. Values
 * from outside the app are either re-checked against the policy schema (those with a fixed shape) or passed
 * through `assertInert` and placed only where quoting makes them data: job/step env, `with:`, `on:`, comments.
 * `run:` scripts are constant text.
 */
import { Document, isMap, isScalar, isSeq, type YAMLMap } from "yaml";
import {
  type Ecosystem,
  providerSchema,
  type WorkflowPolicy,
  workflowSchema,
} from "../config/policy-schema.js";
import { checkoutStep, publishBuildInfoStep, setupJfrogCliStep } from "./common-steps.js";
import { RECIPES } from "./ecosystem-steps.js";
import { recheck } from "./recheck.js";
import { ENV, expression, type Step } from "./step.js";
import { renderTriggers } from "./triggers.js";
import { assertInert, quoteForComment } from "./untrusted.js";

export interface WorkflowInput {
  repository: { fullName: string; defaultBranch: string };
  /** Already resolved (never "auto"). */
  ecosystem: Ecosystem;
  /** The verified JFrog integration. */
  provider: { name: string; audience: string };
  /** The operator's JFROG_URL, e.g. https://acme.jfrog.io. */
  jfrogUrl: string;
  /** Effective workflow options. */
  workflow: WorkflowPolicy;
}

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
  annotate(doc, steps);
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

function jobEnv(input: WorkflowInput): Record<string, string> {
  const { workflow, ecosystem } = input;
  const source = recheck(workflowSchema.shape.jfrogUrl, workflow.jfrogUrl, "workflow.jfrogUrl");
  const repositories = recheck(
    workflowSchema.shape.repositories,
    workflow.repositories,
    "workflow.repositories",
  );
  const keys = repositories[ecosystem] ?? { resolve: `${ecosystem}-virtual`, deploy: `${ecosystem}-local` };
  return {
    JF_URL: source.from === "variable" ? expression(`vars.${source.name}`) : literalJfrogUrl(input.jfrogUrl),
    JFROG_CLI_BUILD_NAME: expression("github.event.repository.name"),
    [ENV.resolveRepo]: keys.resolve,
    ...(workflow.publish ? { [ENV.deployRepo]: keys.deploy } : {}),
  };
}

function literalJfrogUrl(url: string): string {
  assertInert("jfrogUrl", url);
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== "https:" || parsed.username || parsed.password || parsed.search || parsed.hash)
    throw new Error(`jfrogUrl ${JSON.stringify(url)} must be an https:// URL such as https://acme.jfrog.io`);
  return url;
}

function header(input: WorkflowInput): string {
  const { workflow } = input;
  const repo = quoteForComment(input.repository.fullName);
  const what = workflow.publish
    ? "resolves dependencies through JFrog and publishes to it\n(pull requests only build)"
    : "resolves dependencies through JFrog\n(publishing is off)";
  return commentLines(
    [
      `Generated by jfrog-oidc-rollout for ${repo}.`,
      `Builds this ${input.ecosystem} project with JFrog CLI: ${what}.`,
      "No JFrog secret is stored: setup-jfrog-cli exchanges the job's GitHub OIDC token for a short-lived",
      `JFrog token through the JFrog OIDC integration ${quoteForComment(input.provider.name)}.`,
      `The JFrog identity mapping only admits this repository (${repo}):`,
      "a copy of this workflow in another repository gets no token.",
    ].join("\n"),
  );
}

/** Step comments live on YAML nodes, so they are attached after the document is built. */
function annotate(doc: Document, steps: readonly Step[]): void {
  const seq = doc.getIn(["jobs", JOB_ID, "steps"], true);
  if (!isSeq(seq)) throw new Error("steps did not render as a sequence");
  steps.forEach((step, index) => {
    const node = seq.items[index];
    if (!isMap(node)) return;
    if (step.comment) node.commentBefore = commentLines(step.comment);
    if (step.usesComment) setLineComment(node, "uses", ` ${step.usesComment}`);
  });
  const env = doc.getIn(["jobs", JOB_ID, "env"], true);
  if (isMap(env)) {
    const buildName = env.items.find(
      (pair) => isScalar(pair.key) && pair.key.value === "JFROG_CLI_BUILD_NAME",
    );
    if (buildName && isScalar(buildName.key))
      buildName.key.commentBefore = commentLines(
        "One build name per repository: setup-jfrog-cli defaults to the workflow name,\nwhich every onboarded repository shares.",
      );
  }
}

/** The `yaml` library writes `#` then the text: a leading space per line keeps `# text`. */
function commentLines(text: string): string {
  return text
    .split("\n")
    .map((line) => ` ${line}`)
    .join("\n");
}

function setLineComment(map: YAMLMap, key: string, comment: string): void {
  const value = map.get(key, true);
  if (isScalar(value)) value.comment = comment;
}
