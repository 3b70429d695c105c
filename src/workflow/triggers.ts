import type { WorkflowPolicy } from "../config/policy-schema.js";
import { assertBranchName, assertInert, escapeFilterPattern } from "./untrusted.js";

/** The workflow's `on:` block. `null` renders as an empty event (`workflow_dispatch:`). */
export type Triggers = Record<string, { branches?: string[]; tags?: string[] } | null>;

const DEFAULT_BRANCH = "$default";

export function renderTriggers(triggers: WorkflowPolicy["triggers"], defaultBranch: string): Triggers {
  const branches = [
    ...new Set(
      triggers.push.map((pattern) =>
        pattern === DEFAULT_BRANCH
          ? escapeFilterPattern(assertBranchName("repository.defaultBranch", defaultBranch))
          : assertInert("workflow.triggers.push", pattern),
      ),
    ),
  ];
  const on: Triggers = {};
  if (branches.length > 0 || triggers.tags.length > 0)
    on.push = {
      ...(branches.length > 0 ? { branches } : {}),
      ...(triggers.tags.length > 0
        ? { tags: triggers.tags.map((tag) => assertInert("workflow.triggers.tags", tag)) }
        : {}),
    };
  // Pull requests into the branches that build; forks get no id-token, so only same-repo PRs reach JFrog.
  if (triggers.pullRequest) on.pull_request = branches.length > 0 ? { branches: [...branches] } : null;
  if (triggers.workflowDispatch) on.workflow_dispatch = null;
  if (Object.keys(on).length === 0)
    throw new Error(
      "workflow.triggers enables no event (no push branches or tags, pullRequest and workflowDispatch off)",
    );
  return on;
}
