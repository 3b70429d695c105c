/**
 * The workflow audit of one repository at one commit, reported as a check run: read (one query), audit (pure),
 * publish. Only repositories whose workflows touch JFrog get a check run: the others cost nothing. Without a valid
 * org policy there is nothing to compare with; the policy's own check run already says why, so this one waits.
 */

import type { ProbotOctokit } from "probot";
import { auditContextFromPolicy } from "../audit/audit-context.js";
import { auditRepository, isAuditedPath } from "../audit/audit-repository.js";
import { mentionsJfrog } from "../audit/audit-workflow.js";
import type { Finding } from "../audit/finding.js";
import {
  publishWorkflowAudit,
  reportWrites,
  workflowAuditReport,
} from "../audit/workflow-audit-check-run.js";
import { loadOrgPolicy } from "../config/load-org-policy.js";
import { pullRequestChangesWorkflows } from "../github/pull-request-files.js";
import { readWorkflowFiles } from "../github/read-workflow-files.js";
import type { RepoRef } from "../github/rest.js";
import type { JobLogger } from "../logger.js";
import { proposeWorkflowFix, type Reserve } from "./propose-workflow-fix.js";

export interface WorkflowAuditTarget {
  repo: RepoRef;
  headSha: string;
  /** For a pull request: audited only when it changes a workflow or a local action. */
  pullNumber?: number;
  /** A pull request a bot opened or updated: its head branch (the app's own onboarding PR is not audited). */
  botBranch?: string;
}

export type WorkflowAuditOutcome =
  | "reported"
  | "no-workflow-change"
  | "no-jfrog-workflows"
  | "no-policy"
  | "own-onboarding-pr";

export interface AuditHooks {
  /** Reserves writes in the installation's budget before the first of them (the worker's write ledger). */
  reserve?: Reserve;
  /** A push's audit of the default branch: its findings (the dashboard's rows), and unreadable files. */
  onDefaultBranchAudit?: (findings: readonly Finding[], unreadable: readonly string[]) => Promise<void>;
}

export async function auditWorkflowsAtCommit(
  octokit: ProbotOctokit,
  log: JobLogger,
  target: WorkflowAuditTarget,
  hooks: AuditHooks = {},
): Promise<WorkflowAuditOutcome> {
  const reserve: Reserve = hooks.reserve ?? (async () => {});
  const defaultBranchPush = target.pullNumber === undefined && target.botBranch === undefined;
  // A bot's pull request is checked against the onboarding branch first: the app's own onboarding PR then costs one
  // read (the policy), not two (the PR's file list too), on every onboarded repository.
  const botPullRequest = target.botBranch !== undefined;
  if (!botPullRequest && !(await changesWorkflows(octokit, target))) {
    log.debug("workflow audit skipped: the pull request changes no workflow");
    return "no-workflow-change";
  }
  const loaded = await loadOrgPolicy(octokit, target.repo.owner);
  if (loaded.status !== "ok") {
    log.info({ policy: loaded.status, file: loaded.file }, "workflow audit skipped: no valid org policy");
    return "no-policy";
  }
  // The app's own onboarding PR adds the workflow it generated: auditing it would spend one write of the
  // installation's budget per onboarded repository on a known-clean file.
  if (target.botBranch !== undefined && target.botBranch === loaded.policy.pullRequest.branch) {
    log.debug({ branch: target.botBranch }, "workflow audit skipped: the app's own onboarding PR");
    return "own-onboarding-pr";
  }
  if (botPullRequest && !(await changesWorkflows(octokit, target))) {
    log.debug("workflow audit skipped: the pull request changes no workflow");
    return "no-workflow-change";
  }
  const { files, unreadable } = await readWorkflowFiles(octokit, target.repo, target.headSha);
  const context = auditContextFromPolicy(loaded.policy);
  const findings = auditRepository(files, context);
  // Before any write: a job deferred by the budget below has already told the dashboard.
  if (defaultBranchPush) await hooks.onDefaultBranchAudit?.(findings, unreadable);
  // The fix PR first: a repository with nothing about JFrog left may still have a fix PR open to close.
  if (defaultBranchPush && loaded.policy.audit.fixPullRequests)
    await proposeWorkflowFix(octokit, log, reserve, {
      repo: target.repo,
      headSha: target.headSha,
      files,
      unreadable,
      context,
      policy: loaded.policy,
    });
  const jfrogFiles = [...files].filter(
    ([path, text]) => isAuditedPath(path) && (mentionsJfrog(text) || findings.some((f) => f.path === path)),
  );
  if (jfrogFiles.length === 0 && unreadable.length === 0) {
    log.debug({ files: files.size }, "workflow audit: no workflow touches JFrog, no check run");
    return "no-jfrog-workflows";
  }
  const report = workflowAuditReport(findings, jfrogFiles.length, unreadable);
  await reserve(reportWrites(report), "workflow audit check run");
  await publishWorkflowAudit(octokit, target.repo, target.headSha, report);
  log.info(
    { conclusion: report.conclusion, findings: findings.length, files: jfrogFiles.length },
    "workflow audit reported",
  );
  return "reported";
}

/** A push is always audited (its filter is the payload's file list); a pull request only when it changes one. */
async function changesWorkflows(octokit: ProbotOctokit, target: WorkflowAuditTarget): Promise<boolean> {
  return (
    target.pullNumber === undefined ||
    (await pullRequestChangesWorkflows(octokit, target.repo, target.pullNumber))
  );
}
