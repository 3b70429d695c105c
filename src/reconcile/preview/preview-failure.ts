/**
 * A policy preview that could not be computed (the queue gave up on it: JFrog, GitHub or the policy stayed
 * unreadable past every retry) fails its check run instead of leaving the pull request without one: a missing
 * check reads as "nothing to preview", and a reviewer would merge a policy change nobody has seen the effect of.
 * The report says why in the same words as a failed command's reply (github/failure-words.ts) and how to run it
 * again; the error's own text is not echoed, the log has it under the delivery id.
 */
import type { ProbotOctokit } from "probot";
import { describeFailure } from "../../github/failure-words.js";
import { code } from "../../github/markdown.js";
import {
  type PreviewCheckReport,
  previewCheckWrites,
  publishPreviewCheck,
} from "../../github/preview-check-run.js";
import type { RepoRef } from "../../github/rest.js";
import { noticeReport } from "./render-preview.js";

export const PREVIEW_FAILED_TITLE = "The policy preview could not be computed";

export function previewFailureReport(error: unknown, deliveryId: string | undefined): PreviewCheckReport {
  const { what, todo } = describeFailure(error, "after-retries");
  return noticeReport(
    "failure",
    PREVIEW_FAILED_TITLE,
    [
      `❌ **The app could not compute what this pull request's policy change would do:** ${what}, and retrying did not help.`,
      "",
      "Nobody has seen its effect on the organization's JFrog mappings and pull requests yet: do not merge it on " +
        "trust. Nothing was written.",
      "",
      `**What to do:** ${todo}, then push a new commit to this pull request (or close and reopen it) to run the ` +
        "preview again.",
      ...(deliveryId ? [`The app's log has the details under delivery ${code(deliveryId)}.`] : []),
    ].join("\n"),
  );
}

/** Publishes the failed check run on the head commit; its write is reserved in the installation's budget first. */
export async function reportPreviewFailure(
  deps: { octokit: ProbotOctokit; reserve(writes: number): Promise<void> },
  target: { repo: RepoRef; headSha: string },
  error: unknown,
  deliveryId: string | undefined,
): Promise<void> {
  const report = previewFailureReport(error, deliveryId);
  await deps.reserve(previewCheckWrites(report));
  await publishPreviewCheck(deps.octokit, target.repo, target.headSha, report);
}
