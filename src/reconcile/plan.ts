/**
 * plan(observed) → actions. PURE: no I/O, so dry runs, `status` and tests get it for free.
 *
 * The plan lists what to do; apply decides the order (`inApplyOrder`): mapping actions before the PR, so a merged
 * workflow never meets a missing mapping.
 */
import type { ConfigProblem } from "../config/config-problem.js";
import type { EffectiveConfig } from "../config/narrowing-guard.js";
import type { Ecosystem, Policy } from "../config/policy-schema.js";
import { pullRequestBody } from "../github/pull-request-body.js";
import type { PullRequestDecoration, PullRequestSpec } from "../github/pull-request-spec.js";
import type { PullRequestFacts, RepoFacts } from "../github/repo-facts.js";
import type { IdentityMapping } from "../jfrog/types.js";
import { detectEcosystem } from "../workflow/detect-ecosystem.js";
import { renderWorkflow } from "../workflow/render-workflow.js";
import { desiredMapping, isOwnedByApp } from "./desired-mapping.js";
import { mappingDrift } from "./mapping-drift.js";
import { decideScope } from "./scope.js";

export interface Observed {
  repo: RepoFacts;
  config: EffectiveConfig;
  /** The mapping JFrog has under this repository's mapping name, or null. */
  mapping: IdentityMapping | null;
  /** The operator's JFROG_URL (the workflow's JF_URL when the policy writes it in). */
  jfrogUrl: string;
}

/** Writes to JFrog: apply carries them out before any GitHub write (see apply.ts). */
export type MappingAction =
  | { kind: "create-mapping"; mapping: IdentityMapping }
  | { kind: "update-mapping"; mapping: IdentityMapping; changes: string[] }
  | { kind: "delete-mapping"; name: string };

/** Writes to GitHub. */
export type GitHubAction =
  | { kind: "open-pull-request"; pr: PullRequestSpec }
  | { kind: "update-pull-request"; number: number; pr: PullRequestSpec }
  /** `mappingRemoved`: the same plan deletes the app's mapping, so the closing comment can say so. */
  | { kind: "close-pull-request"; number: number; reason: string; mappingRemoved: boolean }
  /** The policy's labels missing from the open PR, and its reviewers when nobody was asked yet. */
  | { kind: "decorate-pull-request"; number: number; decoration: PullRequestDecoration }
  /** `/jfrog-oidc disable`: write the durable opt-out record (see github/opt-out-label.ts). */
  | { kind: "record-opt-out" }
  /** `/jfrog-oidc setup`: remove it again. */
  | { kind: "clear-opt-out" }
  /**
   * `invalid`: nothing is written for the repository; `refused`: widening fields were ignored, the rest applies;
   * `unrenderable`: no workflow can be generated from what the repository and its config give (nothing is written).
   */
  | {
      kind: "report-config-problems";
      severity: "invalid" | "refused" | "unrenderable";
      problems: ConfigProblem[];
    };

export type Action = MappingAction | GitHubAction;

/** Which service each action writes to; the compiler holds every kind to the union it belongs to above. */
const SERVICE = {
  "create-mapping": "jfrog",
  "update-mapping": "jfrog",
  "delete-mapping": "jfrog",
  "open-pull-request": "github",
  "update-pull-request": "github",
  "close-pull-request": "github",
  "decorate-pull-request": "github",
  "record-opt-out": "github",
  "clear-opt-out": "github",
  "report-config-problems": "github",
} as const satisfies { [K in Action["kind"]]: K extends MappingAction["kind"] ? "jfrog" : "github" };

export function isMappingAction(action: Action): action is MappingAction {
  return SERVICE[action.kind] === "jfrog";
}

/**
 * Where the repository stands, as one word (the dashboard counts these; notes say the same for people):
 * - `onboarded`: the workflow is on the default branch;
 * - `pull-request-open`: the onboarding PR is open;
 * - `waiting-first-push`: the repository is empty, the PR waits for its first commit;
 * - `declined`: the onboarding PR was closed unmerged, no new one until someone asks;
 * - `opted-out`: `enabled: false` in the repository's file, or `/jfrog-oidc disable`;
 * - `excluded`: the org policy leaves it out (archived, fork, visibility, include/exclude patterns);
 * - `pending`: in scope, the onboarding PR is still to be opened;
 * - `blocked`: needs a person first (its own config file is invalid, or a hand-made mapping holds its name);
 * - `gone`: deleted or transferred away.
 */
export const PLAN_STATES = [
  "onboarded",
  "pull-request-open",
  "waiting-first-push",
  "declined",
  "opted-out",
  "excluded",
  "pending",
  "blocked",
  "gone",
] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export interface Plan {
  repository: string;
  state: PlanState;
  inScope: boolean;
  /** Why the repository is (not) in scope, or what it waits for. */
  notes: string[];
  actions: Action[];
}

/** What a maintainer asked for with a slash-command; background triggers pass nothing. */
export interface PlanOptions {
  /** `/jfrog-oidc setup|sync`: someone asked, so a declined onboarding PR is opened again. */
  reopenDeclined?: boolean;
  /** `record`: `/jfrog-oidc disable` opts the repository out until `clear` (`/jfrog-oidc setup`) lifts it. */
  optOut?: "record" | "clear";
}

export function plan(observed: Observed, options: PlanOptions = {}): Plan {
  const { repo, config } = observed;
  const result: Plan = {
    repository: repo.fullName,
    state: "pending",
    inScope: false,
    notes: [],
    actions: [],
  };

  // Before the config check: disabling must be recordable even while the repository's own file is broken.
  const disabled = options.optOut === "record" || (repo.disabledByCommand && options.optOut !== "clear");
  if (options.optOut === "record" && !repo.disabledByCommand) result.actions.push({ kind: "record-opt-out" });
  if (options.optOut === "clear" && repo.disabledByCommand) result.actions.push({ kind: "clear-opt-out" });

  if (config.status === "invalid") {
    result.state = "blocked";
    result.notes.push(
      "the repository's .github/jfrog-oidc.yml is invalid: nothing changes until it is fixed",
    );
    result.actions.push({ kind: "report-config-problems", severity: "invalid", problems: config.problems });
    return result;
  }
  if (config.refused.length > 0)
    result.actions.push({ kind: "report-config-problems", severity: "refused", problems: config.refused });

  const scope = decideScope(repo, config.policy, config.optedOut, disabled);
  const openPr = repo.pullRequests.find((pr) => pr.state === "OPEN");
  if (!scope.inScope) {
    // decideScope checks the repository's own opt-outs first, so these are exactly the opt-out reasons.
    result.state = disabled || config.optedOut ? "opted-out" : "excluded";
    result.notes.push(`out of scope: ${scope.reason}`);
    const mappingRemoved = observed.mapping !== null && isOwnedByApp(observed.mapping);
    if (mappingRemoved && observed.mapping)
      result.actions.push({ kind: "delete-mapping", name: observed.mapping.name });
    // An archived repository is read-only: its PR cannot be closed, and nobody can merge it either.
    if (openPr && !repo.isArchived)
      result.actions.push({
        kind: "close-pull-request",
        number: openPr.number,
        reason: scope.reason,
        mappingRemoved,
      });
    return result;
  }
  result.inScope = true;

  const desired = desiredMapping(repo, config.policy);
  const current = observed.mapping;
  if (current && !isOwnedByApp(current)) {
    // Never touch a hand-made mapping; and a PR would rely on a mapping the app does not control.
    result.state = "blocked";
    result.notes.push(
      `a JFrog identity mapping named ${desired.name} exists that this app does not own: left alone, no PR opened`,
    );
    return result;
  }
  // The PR is planned first: a workflow that cannot be rendered stops the mapping too (nothing half-written).
  const pr: Plan = { ...result, notes: [], actions: [] };
  try {
    planPullRequest(observed, config.policy, desired, openPr, pr, options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result.state = "blocked";
    result.notes.push(
      "the workflow cannot be generated for this repository: nothing changes until that is fixed",
    );
    result.actions.push({
      kind: "report-config-problems",
      severity: "unrenderable",
      problems: [{ file: repo.fullName, field: "(workflow)", message }],
    });
    return result;
  }
  if (!current) result.actions.push({ kind: "create-mapping", mapping: desired });
  else {
    const changes = mappingDrift(current, desired);
    if (changes.length > 0) result.actions.push({ kind: "update-mapping", mapping: desired, changes });
  }
  result.state = pr.state;
  result.actions.push(...pr.actions);
  result.notes.push(...pr.notes);
  return result;
}

/**
 * The repository is gone from where we looked (deleted, or transferred away): the app's own mapping for its old
 * ids goes too. A mapping someone made by hand stays.
 */
export function planForGoneRepository(repository: string, mapping: IdentityMapping | null): Plan {
  const result: Plan = {
    repository,
    state: "gone",
    inScope: false,
    notes: ["the repository no longer exists here"],
    actions: [],
  };
  if (mapping && isOwnedByApp(mapping)) result.actions.push({ kind: "delete-mapping", name: mapping.name });
  else if (mapping) result.notes.push(`the mapping ${mapping.name} is not owned by this app: left alone`);
  return result;
}

function planPullRequest(
  observed: Observed,
  policy: Policy,
  mapping: IdentityMapping,
  openPr: PullRequestFacts | undefined,
  result: Plan,
  options: PlanOptions,
): void {
  const { repo } = observed;
  if (!repo.defaultBranch) {
    result.state = "waiting-first-push";
    result.notes.push("the repository is empty: the PR waits for the first push");
    return;
  }
  if (repo.workflowOnDefault !== null) {
    result.state = "onboarded";
    result.notes.push(`${policy.workflow.path} is on the default branch: nothing to open`);
    return;
  }
  if (!openPr && repo.pullRequests.length > 0 && !options.reopenDeclined) {
    const last = repo.pullRequests[0];
    result.state = "declined";
    result.notes.push(
      `the onboarding PR #${last?.number} was closed without the workflow reaching the default branch: ` +
        "the repository declined, no new PR until someone asks (`/jfrog-oidc setup`)",
    );
    return;
  }

  const ecosystem = resolveEcosystem(policy, repo);
  const content = renderWorkflow({
    repository: { fullName: repo.fullName, defaultBranch: repo.defaultBranch.name },
    ecosystem,
    provider: { name: policy.provider.name, audience: policy.provider.audience },
    jfrogUrl: observed.jfrogUrl,
    workflow: policy.workflow,
    projectKey: policy.projectKey,
  });
  const branch = repo.onboardingBranch;
  const pr: PullRequestSpec = {
    branch: policy.pullRequest.branch,
    base: repo.defaultBranch,
    branchOid: branch?.oid ?? null,
    branchUpToDate: branch?.workflowText === content,
    path: policy.workflow.path,
    content,
    commitMessage: `Add JFrog OIDC workflow (${policy.workflow.path})`,
    title: policy.pullRequest.title,
    body: pullRequestBody({ fullName: repo.fullName, policy, mapping, ecosystem }),
    labels: policy.pullRequest.labels,
    reviewers: policy.pullRequest.reviewers,
    teamReviewers: policy.pullRequest.teamReviewers,
    draft: policy.pullRequest.draft,
  };
  if (!openPr) {
    result.actions.push({ kind: "open-pull-request", pr });
    return;
  }
  result.state = "pull-request-open";
  if (!pr.branchUpToDate) result.actions.push({ kind: "update-pull-request", number: openPr.number, pr });
  const decoration = missingDecoration(openPr, policy);
  if (decoration) result.actions.push({ kind: "decorate-pull-request", number: openPr.number, decoration });
  if (pr.branchUpToDate && !decoration)
    result.notes.push(`the onboarding PR #${openPr.number} is open and up to date`);
}

/**
 * Labels and review requests are added right after the PR is opened; when that failed (a rate limit, an outage)
 * the next run finishes it. Reviewers are asked only while nobody was asked or reviewed: once a review request has
 * been answered, asking again would nag.
 */
function missingDecoration(pr: PullRequestFacts, policy: Policy): PullRequestDecoration | null {
  const { labels, reviewers, teamReviewers } = policy.pullRequest;
  const missing = labels.filter((l) => !pr.labels.some((have) => have.toLowerCase() === l.toLowerCase()));
  const askReviewers = !pr.hasReviewActivity && reviewers.length + teamReviewers.length > 0;
  if (missing.length === 0 && !askReviewers) return null;
  return {
    labels: missing,
    reviewers: askReviewers ? reviewers : [],
    teamReviewers: askReviewers ? teamReviewers : [],
  };
}

function resolveEcosystem(policy: Policy, repo: RepoFacts): Ecosystem {
  return policy.workflow.ecosystem === "auto" ? detectEcosystem(repo.rootFiles) : policy.workflow.ecosystem;
}
