/**
 * The durable record of `/jfrog-oidc disable`: a repository label.
 *
 * Why a label: it lives in the repository itself (no database; it survives restarts and is the same for every
 * replica), the one GraphQL read of the repository already sees it (`repository.label(name:)`), people can see it in
 * the repository's labels with a description saying how to undo it, and the app may write it with the `issues:
 * write` permission it already has. Anyone who can delete it can also push `enabled: false|true` in the repository's
 * `.github/jfrog-oidc.yml`, so it grants nobody more than they had. A commit would need a PR or a push to a protected
 * branch; a custom property needs an org-wide definition and another permission.
 *
 * The label only has to exist in the repository; it need not be applied to any issue.
 */
import type { ProbotOctokit } from "probot";
import { httpStatus, type RepoRef } from "./rest.js";

export const OPT_OUT_LABEL = "jfrog-oidc: disabled";

/** GitHub caps label descriptions at 100 characters. */
const DESCRIPTION =
  "JFrog OIDC app disabled here by /jfrog-oidc disable; comment /jfrog-oidc setup to enable";

/** Idempotent: an existing label is the same record (422 `already_exists`). */
export async function recordOptOut(octokit: ProbotOctokit, repo: RepoRef): Promise<void> {
  try {
    await octokit.request("POST /repos/{owner}/{repo}/labels", {
      ...repo,
      name: OPT_OUT_LABEL,
      color: "b60205",
      description: DESCRIPTION,
    });
  } catch (error) {
    if (httpStatus(error) !== 422) throw error;
  }
}

/** Idempotent: a label that is already gone counts as removed. */
export async function clearOptOut(octokit: ProbotOctokit, repo: RepoRef): Promise<void> {
  try {
    await octokit.request("DELETE /repos/{owner}/{repo}/labels/{name}", { ...repo, name: OPT_OUT_LABEL });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}
