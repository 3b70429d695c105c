/**
 * OIDC in a workflow that untrusted code can steer: `pull_request_target` runs with the base repository's token
 * (id-token included when granted) for a fork's PR, and `workflow_run` runs privileged after a fork's PR workflow
 * (https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/). A `workflow_run` job whose
 * `if:` refuses forks (`head_repository.fork` or `head_repository.full_name == github.repository`) is fine.
 */
import type { AuditContext } from "../audit-context.js";
import type { Finding } from "../finding.js";
import { jobOidcUses } from "../oidc-use.js";
import type { WorkflowModel } from "../workflow-model.js";
import { findingAt } from "./rule.js";

const REFUSES_FORKS =
  /head_repository\.fork\s*(==\s*false|!=\s*true)|!\s*github\.event\.workflow_run\.head_repository\.fork|head_repository\.full_name\s*==\s*github\.repository/;

export const untrustedTriggersRule = (model: WorkflowModel, context: AuditContext): Finding[] =>
  model.triggers.flatMap((trigger) => {
    if (trigger.name !== "pull_request_target" && trigger.name !== "workflow_run") return [];
    const jobs = model.jobs.filter(
      (job) =>
        jobOidcUses(model, job, context).length > 0 &&
        !(trigger.name === "workflow_run" && REFUSES_FORKS.test(job.if ?? "")),
    );
    if (jobs.length === 0) return [];
    const names = jobs.map((j) => `\`${j.id}\``).join(", ");
    return [
      trigger.name === "pull_request_target"
        ? findingAt(model, "untrusted-trigger", "error", trigger.node, {
            message: `\`pull_request_target\` runs ${names} for pull requests from forks with this repository's OIDC token: a fork's PR can reach JFrog.`,
            fix: "Sign in to JFrog from a `push` or `pull_request` workflow instead.",
          })
        : findingAt(model, "untrusted-trigger", "warning", trigger.node, {
            message: `\`workflow_run\` runs ${names} with OIDC after any run of the watched workflow, a fork's PR included.`,
            fix: "Add `if: github.event.workflow_run.head_repository.full_name == github.repository` to those jobs.",
          }),
    ];
  });
