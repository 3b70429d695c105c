/**
 * Policy changes, previewed: a pull request that changes the org policy (in the org's `.github` repository, the
 * policy file or a base it `_extends` from that repository) or a repository's own `.github/jfrog-oidc.yml` gets a
 * check run with the dry-run plan it would cause, before anyone merges it. Nothing but that check run is written,
 * and its writes are reserved in the installation's budget before the first one.
 *   1. which files the PR changes (one request); nothing to preview → no check run
 *   2. the policy at the PR's head; invalid → a failed run, each problem annotated on its line
 *   3. the plan under the head policy beside the plan under the base's (compare-organization.ts)
 *   4. the report (render-preview.ts), reserved, published
 */
import { isOrgPolicyRepository, loadOrgPolicy, type PolicyDefaults } from "../../config/load-org-policy.js";
import { CONFIG_PATH } from "../../config/policy-schema.js";
import { code } from "../../github/markdown.js";
import {
  type PreviewCheckReport,
  previewCheckWrites,
  publishPreviewCheck,
} from "../../github/preview-check-run.js";
import { pullRequestChangedPaths } from "../../github/pull-request-files.js";
import type { RepoRef } from "../../github/rest.js";
import { compareOrganizationPlans, type PreviewDeps } from "./compare-organization.js";
import { previewRepositoryConfig } from "./preview-repository-config.js";
import { problemAnnotations } from "./problem-annotations.js";
import { invalidReport, noticeReport, PREVIEW_ROWS, planReport } from "./render-preview.js";

export interface PolicyPreviewDeps extends PreviewDeps {
  policyDefaults?: PolicyDefaults;
  /** Reserves the check run's writes in the installation's budget (throws a Deferral when it is spent). */
  reserve(writes: number): Promise<void>;
}

export interface PolicyPreviewTarget {
  repo: RepoRef;
  pullNumber: number;
  headSha: string;
}

/** The paths a PR changes; "many" when it has more files than one page lists (then every path counts as changed). */
type ChangedPaths = Set<string> | "many";

function changes(changed: ChangedPaths, path: string): boolean {
  return changed === "many" || changed.has(path);
}

function changesAnyYaml(changed: ChangedPaths): boolean {
  return changed === "many" || [...changed].some((p) => /\.ya?ml$/i.test(p));
}

export type PolicyPreviewOutcome =
  | { status: "no-config-change" }
  | { status: "reported"; conclusion: PreviewCheckReport["conclusion"]; title: string };

export async function previewPolicyChange(
  deps: PolicyPreviewDeps,
  target: PolicyPreviewTarget,
): Promise<PolicyPreviewOutcome> {
  const { octokit, log } = deps;
  const changed = await pullRequestChangedPaths(octokit, target.repo, target.pullNumber);
  const report = isOrgPolicyRepository(target.repo.repo)
    ? await orgPolicyReport(deps, target, changed)
    : changes(changed, CONFIG_PATH)
      ? await previewRepositoryConfig(deps, target.repo, target.headSha)
      : null;
  if (!report) {
    log.debug("policy preview skipped: the pull request changes no policy file");
    return { status: "no-config-change" };
  }
  await deps.reserve(previewCheckWrites(report));
  await publishPreviewCheck(octokit, target.repo, target.headSha, report);
  log.info({ conclusion: report.conclusion, title: report.title }, "policy preview reported");
  return { status: "reported", conclusion: report.conclusion, title: report.title };
}

async function orgPolicyReport(
  deps: PolicyPreviewDeps,
  target: PolicyPreviewTarget,
  changed: ChangedPaths,
): Promise<PreviewCheckReport | null> {
  const org = target.repo.owner;
  // A policy file and its bases are YAML: a PR that changes none costs no read of the policy.
  if (!changesAnyYaml(changed)) return null;
  const head = await loadOrgPolicy(deps.octokit, org, deps.policyDefaults, { ref: target.headSha });
  const sameRepo = (at: { owner: string; repo: string }) =>
    `${at.owner}/${at.repo}`.toLowerCase() === `${org}/${target.repo.repo}`.toLowerCase();
  const policyFiles = head.status === "missing" ? [] : head.sources.filter((s) => sameRepo(s.at));
  if (!changes(changed, CONFIG_PATH) && !policyFiles.some((s) => changes(changed, s.at.path))) return null;

  if (head.status === "missing")
    return noticeReport(
      "neutral",
      "This pull request removes the org policy",
      `Once merged, the app does nothing more in ${code(org)}: no mapping or pull request is created, changed ` +
        "or removed, and the existing ones stay as they are.",
    );
  if (head.status === "invalid")
    return invalidReport(
      "The org policy in this pull request is invalid",
      `Once merged, the app would write nothing in ${code(org)} until the policy is fixed.`,
      head.problems,
      problemAnnotations(head.problems, head.sources, target.repo, "failure"),
    );
  const base = await loadOrgPolicy(deps.octokit, org, deps.policyDefaults);
  const compared = await compareOrganizationPlans(
    deps,
    org,
    head.policy,
    base.status === "ok" ? base.policy : null,
    PREVIEW_ROWS,
  );
  if (compared.status === "integration-mismatch") {
    const problems = compared.problems.map((message) => ({ file: head.file, field: "provider", message }));
    return invalidReport(
      "The JFrog integration does not match this policy",
      `Once merged, the app would write nothing in ${code(org)} until the policy and JFrog's integration agree.`,
      problems,
      problemAnnotations(problems, head.sources, target.repo, "failure"),
    );
  }
  return planReport({
    subject: `every repository of ${code(org)}`,
    repositories: compared.repositories,
    tally: compared.tally,
    hasBase: base.status === "ok",
    notes: compared.notes,
    problems: [],
    annotations: [],
  });
}
