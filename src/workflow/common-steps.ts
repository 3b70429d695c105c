import type { WorkflowPolicy } from "../config/policy-schema.js";
import { ACTIONS, SETUP_JFROG_CLI, type SetupJfrogCliInput } from "./actions.js";
import type { Step } from "./step.js";
import { assertInert } from "./untrusted.js";

export const checkoutStep: Step = {
  name: "Check out",
  comment: "The job never pushes: keep the GITHUB_TOKEN out of .git/config.",
  uses: ACTIONS.checkout,
  with: { "persist-credentials": false },
};

export function setupJfrogCliStep(
  provider: { name: string; audience: string },
  cli: WorkflowPolicy["setupJfrogCli"],
): Step {
  const inputs = {
    "oidc-provider-name": assertInert("provider.name", provider.name),
    // Always explicit: an empty audience falls back to GitHub's default, which JFrog refuses ("Invalid audience").
    "oidc-audience": assertInert("provider.audience", provider.audience),
    // Build-info goes out only from the explicit publish step, never from pull requests or build-only runs.
    "disable-auto-build-publish": true,
  } satisfies Partial<Record<SetupJfrogCliInput, string | boolean>>;
  return {
    name: "Set up JFrog CLI",
    comment: "Exchanges the job's GitHub OIDC token for a short-lived JFrog token: no stored secret.",
    id: "jfrog",
    uses: `${SETUP_JFROG_CLI}@${cli.sha ?? cli.version}`,
    ...(cli.sha ? { usesComment: cli.version } : {}),
    with: inputs,
  };
}

export const publishBuildInfoStep: Step = {
  name: "Publish build info",
  comment: "Build name and number come from JFROG_CLI_BUILD_NAME (job env) and the run number.",
  run: ["jf rt build-collect-env", "jf rt build-add-git", "jf rt build-publish"].join("\n"),
};
