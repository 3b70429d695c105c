import { projectKeySchema, workflowSchema } from "../config/policy-schema.js";
import { parseJFrogUrl } from "../jfrog/base-url.js";
import { recheck } from "./recheck.js";
import { ENV, expression } from "./step.js";
import { assertInert } from "./untrusted.js";
import type { WorkflowInput } from "./workflow-input.js";

export const JOB_ENV_COMMENTS: Readonly<Record<string, string>> = {
  JFROG_CLI_BUILD_NAME:
    "One build name per repository: setup-jfrog-cli defaults to the workflow name,\nwhich every onboarded repository shares.",
  JF_PROJECT:
    "The JFrog project of this repository's identity mapping: setup-jfrog-cli sends it\nin the token exchange only from this variable.",
};

/** Job-level env: where JFrog is, the per-repository build name, and the repository keys the scripts read. */
export function jobEnv(input: WorkflowInput): Record<string, string> {
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
    ...(input.projectKey ? { JF_PROJECT: recheck(projectKeySchema, input.projectKey, "projectKey") } : {}),
  };
}

function literalJfrogUrl(url: string): string {
  assertInert("jfrogUrl", url);
  // The same rules as the operator's JFROG_URL: callers may build WorkflowInput by hand (see recheck.ts).
  const parsed = parseJFrogUrl(url);
  if (!parsed.ok)
    // Not echoed: a URL with embedded credentials would put them in a check run.
    throw new Error(`jfrogUrl ${parsed.problem}: it must be an https:// URL such as https://acme.jfrog.io`);
  return parsed.url;
}
