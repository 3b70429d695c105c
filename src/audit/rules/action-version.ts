/**
 * How `jfrog/setup-jfrog-cli` is referenced: an older major lacks the OIDC fixes of the current one; a branch moves
 * under the workflow's feet; and when the org policy pins the action to a commit, every use must be pinned
 * (https://docs.github.com/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions).
 * A commit pin's major is read from its trailing `# vN…` comment, the convention Dependabot and Renovate keep.
 */
import type { AuditContext } from "../audit-context.js";
import type { Finding } from "../finding.js";
import { isSetupJfrogCli } from "../oidc-use.js";
import type { WorkflowModel } from "../workflow-model.js";
import { findingAt } from "./rule.js";

const SHA = /^[0-9a-f]{40}$/;
const VERSION = /^v?(\d+)(?:\.\d+){0,2}$/;

export type ActionRef =
  | { kind: "sha"; sha: string; major?: number }
  | { kind: "version"; major: number }
  | { kind: "branch"; name: string };

export function parseActionRef(ref: string, trailingComment: string): ActionRef {
  if (SHA.test(ref)) {
    const major = /#\s*v?(\d+)(?:\.\d+){0,2}\b/.exec(trailingComment)?.[1];
    return { kind: "sha", sha: ref, ...(major ? { major: Number(major) } : {}) };
  }
  const version = VERSION.exec(ref);
  return version ? { kind: "version", major: Number(version[1]) } : { kind: "branch", name: ref };
}

export const actionVersionRule = (model: WorkflowModel, context: AuditContext): Finding[] => {
  const { currentMajor, pin } = context.setupJfrogCli;
  const current = `${"jfrog/setup-jfrog-cli"}@v${currentMajor}`;
  return model.jobs.flatMap((job) =>
    job.steps.flatMap((step) => {
      if (!step.uses || !isSetupJfrogCli(step.uses.value)) return [];
      const node = step.uses.node;
      const end = node.range?.[1] ?? 0;
      const lineEnd = model.source.text.indexOf("\n", end);
      const comment = model.source.text.slice(end, lineEnd < 0 ? undefined : lineEnd);
      const ref = parseActionRef(step.uses.value.slice(step.uses.value.indexOf("@") + 1), comment);
      const findings: Finding[] = [];
      if (ref.kind === "branch")
        findings.push(
          findingAt(model, "action-branch-ref", "error", node, {
            message: `\`${step.uses.value}\` follows a branch: whatever is pushed to it runs with this job's JFrog access.`,
            fix: pin ? `Use \`jfrog/setup-jfrog-cli@${pin.sha} # ${pin.version}\`.` : `Use \`${current}\`.`,
          }),
        );
      if (ref.kind !== "branch" && ref.major !== undefined && ref.major < currentMajor)
        findings.push(
          findingAt(model, "action-outdated-major", "warning", node, {
            message: `\`${step.uses.value}\` is major v${ref.major}; the current major is v${currentMajor}.`,
            fix: pin ? `Use \`jfrog/setup-jfrog-cli@${pin.sha} # ${pin.version}\`.` : `Use \`${current}\`.`,
          }),
        );
      if (pin && ref.kind === "version")
        findings.push(
          findingAt(model, "action-unpinned", "warning", node, {
            message: `The org policy pins jfrog/setup-jfrog-cli to a commit, but \`${step.uses.value}\` names a movable tag.`,
            fix: `Use \`jfrog/setup-jfrog-cli@${pin.sha} # ${pin.version}\`.`,
          }),
        );
      return findings;
    }),
  );
};
