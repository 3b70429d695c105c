import { type Ecosystem, workflowSchema } from "../../src/config/policy-schema.js";
import type { WorkflowInput } from "../../src/workflow/workflow-input.js";

export const PINNED_SHA = "deda456d982fc5e9a7a020b63eb0d2968aedd33e";

/** A fresh input per call (no shared mutable fixtures); `workflow` goes through the policy schema's defaults. */
export function workflowInput(
  options: {
    ecosystem?: Ecosystem;
    repository?: Partial<WorkflowInput["repository"]>;
    provider?: Partial<WorkflowInput["provider"]>;
    jfrogUrl?: string;
    workflow?: Record<string, unknown>;
  } = {},
): WorkflowInput {
  return {
    repository: { fullName: "acme/web", defaultBranch: "main", ...options.repository },
    ecosystem: options.ecosystem ?? "npm",
    provider: { name: "github-acme", audience: "jfrog-github", ...options.provider },
    jfrogUrl: options.jfrogUrl ?? "https://acme.jfrog.io",
    workflow: workflowSchema.parse(options.workflow ?? {}),
  };
}
