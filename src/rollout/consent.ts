/**
 * Whether an org's existing repositories may be onboarded, and whether its rollout is paused.
 *
 * Consent comes from the policy (`rollout.existing: true`) or from an org owner's `/jfrog-oidc rollout`; pause and
 * resume from `/jfrog-oidc rollout pause|resume`. The two command-given facts are kept ON GITHUB, as labels of the
 * org's `.github` repository: a restart and every replica see them with one read, an admin sees them in the
 * repository's label list, and deleting the label withdraws consent or resumes. Creating a label in `.github` needs
 * the same write access as changing the policy file there, so the label grants nothing the policy file would not.
 */
import type { ProbotOctokit } from "probot";
import { ORG_CONFIG_REPO } from "../config/load-org-policy.js";
import { httpStatus } from "../github/rest.js";

export const CONSENT_LABEL = "jfrog-oidc: rollout";
export const PAUSED_LABEL = "jfrog-oidc: rollout paused";

const DESCRIPTIONS: Record<string, string> = {
  [CONSENT_LABEL]:
    "An org owner asked the JFrog OIDC app to onboard existing repositories; delete to withdraw",
  [PAUSED_LABEL]: "The JFrog OIDC rollout is paused (/jfrog-oidc rollout resume, or delete this label)",
};

export interface RolloutState {
  consented: boolean;
  paused: boolean;
}

export async function readRolloutState(octokit: ProbotOctokit, org: string): Promise<RolloutState> {
  const labels = await octokit.paginate("GET /repos/{owner}/{repo}/labels", {
    owner: org,
    repo: ORG_CONFIG_REPO,
    per_page: 100,
  });
  const names = new Set(labels.map((l) => l.name.toLowerCase()));
  return { consented: names.has(CONSENT_LABEL), paused: names.has(PAUSED_LABEL) };
}

/** Idempotent: an existing label (422) is the same record. */
export async function setRolloutLabel(
  octokit: ProbotOctokit,
  org: string,
  label: typeof CONSENT_LABEL | typeof PAUSED_LABEL,
): Promise<void> {
  try {
    await octokit.request("POST /repos/{owner}/{repo}/labels", {
      owner: org,
      repo: ORG_CONFIG_REPO,
      name: label,
      color: label === PAUSED_LABEL ? "fbca04" : "0e8a16",
      description: DESCRIPTIONS[label],
    });
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
  }
}

/** Idempotent: a label already gone counts as removed. */
export async function clearRolloutLabel(octokit: ProbotOctokit, org: string, label: string): Promise<void> {
  try {
    await octokit.request("DELETE /repos/{owner}/{repo}/labels/{name}", {
      owner: org,
      repo: ORG_CONFIG_REPO,
      name: label,
    });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}
