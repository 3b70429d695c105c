/**
 * apply(plan): JFrog first, then GitHub. A JFrog failure throws before any GitHub write, so no PR ever points at
 * a missing mapping; the queue retries the job. A GitHub failure after the mapping exists is finished by the
 * next run (every step is idempotent).
 *
 * One exception to that order: an opt-out is recorded before anything is removed, so a failure half-way leaves the
 * record, and the next run (from any trigger) finishes the removal instead of re-creating what was removed.
 */
import type { ProbotOctokit } from "probot";
import { formatProblem } from "../config/config-problem.js";
import { reportConfigCheckRun } from "../github/config-check-run.js";
import {
  closePullRequest,
  decoratePullRequest,
  openPullRequest,
  updatePullRequest,
} from "../github/onboarding-pull-request.js";
import { clearOptOut, OPT_OUT_LABEL, recordOptOut } from "../github/opt-out-label.js";
import type { RepoRef } from "../github/rest.js";
import { JFrogError } from "../jfrog/errors.js";
import type { MappingApi, MappingScope } from "../jfrog/mapping-api.js";
import type { JobLogger } from "../logger.js";
import { unreachable } from "../unreachable.js";
import { deleteMappingEverywhere } from "./delete-mapping.js";
import { isOwnedByApp } from "./desired-mapping.js";
import { type Action, type GitHubAction, isMappingAction, type MappingAction, type Plan } from "./plan.js";

const CONFIG_PROBLEM_TITLES = {
  refused: "Some settings in .github/jfrog-oidc.yml were refused: the org policy applies",
  invalid: ".github/jfrog-oidc.yml is invalid: nothing changes for this repository until it is fixed",
  unrenderable:
    "The JFrog OIDC workflow cannot be generated for this repository: nothing changes until it is fixed",
} as const;

export interface ApplyDeps {
  octokit: ProbotOctokit;
  jfrog: MappingApi;
  log: JobLogger;
  provider: string;
  scope: MappingScope;
  repo: RepoRef;
  /** Default-branch head, where a repository's config problems are reported. */
  headSha: string | null;
  /** Told of each action as it completes, so a caller can report what was done before a failure. */
  onApplied?: (action: Action) => void;
}

/** One line per action that was carried out, for logs and command replies. */
export async function apply(deps: ApplyDeps, plan: Plan): Promise<string[]> {
  const done: string[] = [];
  for (const action of inApplyOrder(plan.actions)) {
    done.push(
      await (isMappingAction(action) ? applyMappingAction(deps, action) : applyGitHubAction(deps, action)),
    );
    deps.onApplied?.(action);
  }
  return done;
}

/** The order apply carries actions out in (see the top of this file); a dry run lists them the same way. */
export function inApplyOrder(actions: readonly Action[]): Action[] {
  const first = (a: Action) => a.kind === "record-opt-out";
  return [
    ...actions.filter(first),
    ...actions.filter(isMappingAction),
    ...actions.filter((a) => !isMappingAction(a) && !first(a)),
  ];
}

async function applyMappingAction(deps: ApplyDeps, action: MappingAction): Promise<string> {
  const { jfrog, provider, scope, log } = deps;
  switch (action.kind) {
    case "create-mapping": {
      try {
        await jfrog.createMapping(provider, action.mapping, scope);
      } catch (error) {
        // Another run or replica created it between observe and apply: converge instead of failing.
        if (!(error instanceof JFrogError && error.kind === "conflict")) throw error;
        const existing = await jfrog.getMapping(provider, action.mapping.name, scope);
        if (!existing || !isOwnedByApp(existing)) throw error;
        await jfrog.updateMapping(provider, action.mapping, scope);
        log.info(
          { mapping: action.mapping.name, claims: action.mapping.claims },
          "identity mapping already created by another run: updated to the desired state",
        );
        return `updated JFrog identity mapping ${action.mapping.name} (another run had just created it)`;
      }
      log.info({ mapping: action.mapping.name, claims: action.mapping.claims }, "identity mapping created");
      return `created JFrog identity mapping ${action.mapping.name}`;
    }
    case "update-mapping":
      await jfrog.updateMapping(provider, action.mapping, scope);
      log.info({ mapping: action.mapping.name, changes: action.changes }, "identity mapping updated");
      return `updated JFrog identity mapping ${action.mapping.name} (${action.changes.join("; ")})`;
    case "delete-mapping":
      await deleteMappingEverywhere(jfrog, provider, action.name, scope);
      log.info({ mapping: action.name }, "identity mapping deleted");
      return `deleted JFrog identity mapping ${action.name}`;
    default:
      return unreachable(action);
  }
}

async function applyGitHubAction(deps: ApplyDeps, action: GitHubAction): Promise<string> {
  const { octokit, repo, log } = deps;
  switch (action.kind) {
    case "open-pull-request": {
      const pr = await openPullRequest(octokit, repo, action.pr, log);
      log.info({ pullRequest: pr.number, url: pr.url }, "onboarding PR opened");
      return `opened onboarding PR #${pr.number}`;
    }
    case "update-pull-request":
      await updatePullRequest(octokit, repo, action.number, action.pr);
      log.info({ pullRequest: action.number }, "onboarding PR updated");
      return `updated onboarding PR #${action.number}`;
    case "close-pull-request":
      await closePullRequest(octokit, repo, action.number, action.reason, action.mappingRemoved);
      log.info({ pullRequest: action.number, reason: action.reason }, "onboarding PR closed");
      return `closed onboarding PR #${action.number}`;
    case "decorate-pull-request":
      await decoratePullRequest(octokit, repo, action.number, action.decoration, log);
      log.info(
        { pullRequest: action.number, ...action.decoration },
        "onboarding PR labels and reviewers added",
      );
      return `added labels or reviewers to onboarding PR #${action.number}`;
    case "record-opt-out":
      await recordOptOut(octokit, repo);
      log.info({ label: OPT_OUT_LABEL }, "opt-out recorded");
      return `recorded the opt-out (label \`${OPT_OUT_LABEL}\`)`;
    case "clear-opt-out":
      await clearOptOut(octokit, repo);
      log.info({ label: OPT_OUT_LABEL }, "opt-out cleared");
      return `removed the opt-out (label \`${OPT_OUT_LABEL}\`)`;
    case "report-config-problems": {
      const refusedOnly = action.severity === "refused";
      log.warn({ problems: action.problems.map(formatProblem) }, "repository config problems");
      if (deps.headSha)
        await reportConfigCheckRun(octokit, {
          repo,
          headSha: deps.headSha,
          conclusion: refusedOnly ? "neutral" : "failure",
          title: CONFIG_PROBLEM_TITLES[action.severity],
          problems: action.problems,
        });
      return `reported ${action.problems.length} config problem(s)`;
    }
    default:
      return unreachable(action);
  }
}
