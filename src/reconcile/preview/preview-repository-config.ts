/**
 * A repository's pull request that changes its own `.github/jfrog-oidc.yml`: the repository planned with the file
 * as the PR leaves it (head) and as the default branch has it (base), under the org policy as applied now. One
 * GraphQL request observes the repository, one REST read gets the head's file, one JFrog read its mapping. A field
 * that would widen the org policy is refused (the org value applies) and annotated on its line.
 */
import { loadOrgPolicy, ownConfigText, type PolicyDefaults } from "../../config/load-org-policy.js";
import { applyRepoConfig } from "../../config/narrowing-guard.js";
import { CONFIG_PATH } from "../../config/policy-schema.js";
import { type FileAt, fileLabel, readRepoFile } from "../../config/read-repo-file.js";
import { code } from "../../github/markdown.js";
import { observeRepository } from "../../github/observe-repository.js";
import type { PreviewCheckReport } from "../../github/preview-check-run.js";
import type { RepoRef } from "../../github/rest.js";
import { mappingName } from "../desired-mapping.js";
import { plan } from "../plan.js";
import type { PreviewDeps } from "./compare-organization.js";
import { PlanTally, summarizePlan } from "./plan-tally.js";
import { problemAnnotations } from "./problem-annotations.js";
import { invalidReport, noticeReport, PREVIEW_ROWS, planReport } from "./render-preview.js";

export async function previewRepositoryConfig(
  deps: PreviewDeps & { policyDefaults?: PolicyDefaults },
  repo: RepoRef,
  headSha: string,
): Promise<PreviewCheckReport | null> {
  const { octokit } = deps;
  const loaded = await loadOrgPolicy(octokit, repo.owner, deps.policyDefaults);
  if (loaded.status !== "ok")
    return noticeReport(
      "neutral",
      "No valid org policy to preview this file against",
      `The org policy ${code(loaded.file)} is ${loaded.status}: the app writes nothing in this organization ` +
        "until it is fixed, so this file changes nothing yet.",
    );
  const { policy } = loaded;
  const facts = await observeRepository(octokit, {
    owner: repo.owner,
    name: repo.repo,
    workflowPath: policy.workflow.path,
    onboardingBranch: policy.pullRequest.branch,
  });
  if (!facts) return null;

  const at: FileAt = { ...repo, path: CONFIG_PATH };
  const file = fileLabel(at);
  const read = await readRepoFile(octokit, at, headSha);
  if (read.status === "unreadable")
    return invalidReport(
      "This repository's .github/jfrog-oidc.yml cannot be read",
      "Nothing can be previewed: the app could not read the file at this pull request's head.",
      [{ file, field: "(file)", message: `cannot be read: ${read.reason}` }],
      [],
    );
  const headText = read.status === "ok" ? read.text : null;
  const headConfig = applyRepoConfig(policy, headText, file);
  const sources = headText === null ? [] : [{ at, text: headText }];
  if (headConfig.status === "invalid")
    return invalidReport(
      "This repository's .github/jfrog-oidc.yml is invalid",
      `Once merged, the app changes nothing for ${code(facts.fullName)} until the file is fixed.`,
      headConfig.problems,
      problemAnnotations(headConfig.problems, sources, repo, "failure"),
    );

  const scope = policy.projectKey ? { projectKey: policy.projectKey } : {};
  const mapping = await deps.jfrog.getMapping(
    policy.provider.name,
    mappingName(facts.ownerId, facts.id),
    scope,
  );
  const observed = { repo: facts, mapping, jfrogUrl: deps.jfrogUrl };
  const base = plan({ ...observed, config: applyRepoConfig(policy, ownConfigText(facts), file) });
  const tally = new PlanTally(PREVIEW_ROWS);
  tally.add(plan({ ...observed, config: headConfig }), summarizePlan(base));
  return planReport({
    subject: code(facts.fullName),
    repositories: 1,
    tally: tally.tally,
    hasBase: true,
    notes: [],
    problems: headConfig.refused,
    annotations: problemAnnotations(headConfig.refused, sources, repo, "warning"),
  });
}
