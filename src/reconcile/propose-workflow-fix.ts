/**
 * The fix PR of one repository, after the workflow audit of a push to its default branch (policy
 * `audit.fixPullRequests: true`): fix (pure, from the files the audit read) → observe the fix branch's PRs (one
 * read) and, when there is something to fix, the repository's scope and opt-outs (one read) → plan (pure) → reserve the plan's writes in the installation's budget → apply. Nothing is written unless
 * all of the plan's writes were reserved.
 */
import type { ProbotOctokit } from "probot";
import type { AuditContext } from "../audit/audit-context.js";
import { fixRepository } from "../audit/fix/fix-repository.js";
import type { Policy } from "../config/policy-schema.js";
import {
  closeFixPullRequest,
  listFixPullRequests,
  openFixPullRequest,
  updateFixPullRequest,
} from "../github/fix-pull-request.js";
import type { RepoRef } from "../github/rest.js";
import type { JobLogger } from "../logger.js";
import { fixScope } from "./fix-scope.js";
import { FIX_BRANCH, type FixPlan, fixPlanWrites, planFixPullRequest } from "./plan-fix-pull-request.js";

export interface WorkflowFixInput {
  repo: RepoRef;
  /** The default branch's head the audit read. */
  headSha: string;
  files: ReadonlyMap<string, string>;
  unreadable: readonly string[];
  context: Omit<AuditContext, "files">;
  policy: Policy;
}

/** Reserves `writes` in the installation's budget, or throws (a Deferral) with nothing written. */
export type Reserve = (writes: number, what: string) => Promise<void>;

export async function proposeWorkflowFix(
  octokit: ProbotOctokit,
  log: JobLogger,
  reserve: Reserve,
  input: WorkflowFixInput,
): Promise<FixPlan["kind"]> {
  const { repo } = input;
  const fix = fixRepository(input.files, input.context);
  const pulls = await listFixPullRequests(octokit, repo, FIX_BRANCH);
  // Scope (and the base's name) matter only to open or update: a repository with nothing to fix costs one read.
  let baseName = "";
  if (fix.files.length > 0) {
    const scope = await fixScope(octokit, repo, input.policy);
    if (!scope.inScope) {
      log.info({ why: scope.reason }, "workflow fix PR: not for this repository");
      return "none";
    }
    baseName = scope.defaultBranch;
  }
  const plan = planFixPullRequest({
    fullName: `${repo.owner}/${repo.repo}`,
    fix,
    pulls,
    base: { name: baseName, oid: input.headSha },
    unreadable: input.unreadable,
  });
  if (plan.kind === "none") {
    log.info({ why: plan.reason }, "workflow fix PR: nothing to write");
    return plan.kind;
  }
  await reserve(fixPlanWrites(plan), "workflow fix PR");
  switch (plan.kind) {
    case "open": {
      const number = await openFixPullRequest(octokit, repo, plan.spec);
      log.info({ pullRequest: number, files: plan.spec.files.length }, "workflow fix PR opened");
      break;
    }
    case "update":
      await updateFixPullRequest(octokit, repo, plan.number, plan.spec);
      log.info({ pullRequest: plan.number, files: plan.spec.files.length }, "workflow fix PR updated");
      break;
    case "close":
      await closeFixPullRequest(octokit, repo, plan.number, plan.reason);
      log.info({ pullRequest: plan.number }, "workflow fix PR closed: nothing left to fix");
      break;
  }
  return plan.kind;
}
