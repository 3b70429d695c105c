/** What the workflow is rendered from (render-workflow.ts), already resolved by the planner. */
import type { Ecosystem, WorkflowPolicy } from "../config/policy-schema.js";

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
  /** The policy's JFrog project: setup-jfrog-cli sends a project in the token exchange only from `JF_PROJECT`. */
  projectKey?: string;
}
