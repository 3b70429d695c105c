/**
 * A policy preview that could not be computed (the queue gave up on it: JFrog, GitHub or the policy stayed
 * unreadable past every retry) fails its check run instead of leaving the pull request without one: a missing
 * check reads as "nothing to preview", and a reviewer would merge a policy change nobody has seen the effect of.
 * The report says why in words and how to run it again; the error's own text is not echoed (it may carry JFrog's
 * wording about its internals), the log has it under the delivery id. Same wording habits as a failed command's
 * reply (commands/render/failure.ts), which sits above this layer.
 */
import type { ProbotOctokit } from "probot";
import { code } from "../../github/markdown.js";
import {
  type PreviewCheckReport,
  previewCheckWrites,
  publishPreviewCheck,
} from "../../github/preview-check-run.js";
import { httpStatus, type RepoRef } from "../../github/rest.js";
import { JFrogError } from "../../jfrog/errors.js";
import { noticeReport } from "./render-preview.js";

export const PREVIEW_FAILED_TITLE = "The policy preview could not be computed";

function describe(error: unknown): { what: string; todo: string } {
  if (error instanceof JFrogError) {
    const http = error.status ? ` (HTTP ${error.status})` : "";
    if (error.kind === "auth")
      return {
        what: `JFrog refused the app's credentials${http}`,
        todo: "the app's operator must renew or fix the app's JFrog access token",
      };
    if (error.kind === "unavailable")
      return { what: `JFrog was unavailable${http}`, todo: "wait until JFrog answers again" };
    return {
      what: `JFrog rejected the app's request${http}`,
      todo: "ask the app's operator to look at the log",
    };
  }
  const status = httpStatus(error);
  if (typeof status === "number")
    return {
      what: `GitHub answered HTTP ${status} while the app read the policy and the organization`,
      todo:
        status === 403 || status === 404
          ? "an org owner can check the app's installation and its permissions"
          : "wait a few minutes",
    };
  return { what: "an unexpected error stopped it", todo: "ask the app's operator to look at the log" };
}

export function previewFailureReport(error: unknown, deliveryId: string | undefined): PreviewCheckReport {
  const { what, todo } = describe(error);
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
