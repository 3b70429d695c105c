/**
 * What the audit compares a workflow with: the org's integration and the action policy. Built from the org policy;
 * `files` lets a workflow's local actions (`uses: ./…`) and called reusable workflows be looked into.
 */
import type { Policy } from "../config/policy-schema.js";
import { SETUP_JFROG_CLI_CURRENT_MAJOR } from "../workflow/actions.js";

export interface AuditContext {
  provider: { name: string; audience: string };
  setupJfrogCli: {
    currentMajor: number;
    /** Present when the policy pins the action to a commit: every use must then be pinned too. */
    pin?: { version: string; sha: string };
  };
  /** Other files of the same repository, by path (local composite actions, reusable workflows). */
  files?: ReadonlyMap<string, string>;
}

export function auditContextFromPolicy(policy: Policy, files?: ReadonlyMap<string, string>): AuditContext {
  const { version, sha } = policy.workflow.setupJfrogCli;
  return {
    provider: { name: policy.provider.name, audience: policy.provider.audience },
    setupJfrogCli: {
      currentMajor: SETUP_JFROG_CLI_CURRENT_MAJOR,
      ...(sha ? { pin: { version, sha } } : {}),
    },
    ...(files ? { files } : {}),
  };
}
