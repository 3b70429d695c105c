/**
 * Readers of what the app left in the emulators, shared by the sandbox story and the e2e tests: both look at the
 * world the way a person would (the PR's files, the workflow's inputs, the mapping JFrog holds), never at the app.
 */
import { parse } from "yaml";
import type { RepoSnapshot } from "./github/index.js";
import type { World } from "./world.js";

export const WORKFLOW_PATH = ".github/workflows/jfrog-oidc.yml";
export const ONBOARDING_BRANCH = "jfrog-oidc/onboarding";

/** Files on the onboarding branch that the default branch does not have (what the PR adds). */
export function addedFiles(repo: RepoSnapshot): Record<string, string> {
  const base = repo.files(repo.defaultBranch);
  return Object.fromEntries(
    Object.entries(repo.files(ONBOARDING_BRANCH)).filter(([path, text]) => base[path] !== text),
  );
}

interface WorkflowStep {
  uses?: string;
  with?: Record<string, string>;
}

/** The setup-jfrog-cli inputs and JF_URL of a rendered workflow: what the token exchange will use. */
export function workflowSettings(text: string) {
  const workflow = parse(text) as {
    jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
  };
  const job = Object.values(workflow.jobs)[0];
  const setup = job?.steps.find((s) => s.uses?.startsWith("jfrog/setup-jfrog-cli"));
  return {
    provider: setup?.with?.["oidc-provider-name"],
    audience: setup?.with?.["oidc-audience"],
    jfUrl: job?.env?.JF_URL,
  };
}

/** The mappings the app owns for a repository id (`gh-o<owner>-r<repo>`). */
export function mappingsFor(world: World, repo: RepoSnapshot) {
  return world.jfrog.state.mappings.filter((m) => m.name === `gh-o${repo.ownerId}-r${repo.id}`);
}
