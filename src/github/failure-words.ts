/**
 * A failure told in words a maintainer can act on: what went wrong and what to do about it. A failed command's reply
 * (commands/render/failure.ts) and a policy preview the queue gave up on (reconcile/preview/preview-failure.ts) say
 * the same things, so they are said here once. The error's own message is never echoed: it may carry JFrog's wording
 * about its internals; the log has it under the delivery id.
 *
 * It sits on the github floor (which may read jfrog's error type) so that reconcile and commands can both use it.
 */
import { JFrogError } from "../jfrog/errors.js";
import { httpStatus } from "./rest.js";

export interface FailureWords {
  /** What went wrong, as a clause without a final full stop. */
  what: string;
  /** What the reader can do about it, as a clause to be followed by "then …". */
  todo: string;
}

/**
 * `now`: a reply to a command that just failed, so "try again" is the advice; `after-retries`: the queue already
 * retried and gave up, so the report speaks in the past and asks to wait for the cause to go away.
 */
export type FailureMoment = "now" | "after-retries";

export function describeFailure(error: unknown, moment: FailureMoment = "now"): FailureWords {
  const later = moment === "now" ? "try again in a few minutes" : "wait a few minutes";
  if (error instanceof JFrogError) {
    const http = error.status ? ` (HTTP ${error.status})` : "";
    switch (error.kind) {
      case "auth":
        return {
          what: `JFrog refused the app's credentials${http}`,
          todo: "the app's operator must renew or fix the app's JFrog access token",
        };
      case "unavailable":
        return moment === "now"
          ? { what: `JFrog is unavailable${http}`, todo: later }
          : { what: `JFrog was unavailable${http}`, todo: "wait until JFrog answers again" };
      default:
        return {
          what: `JFrog rejected the app's request${http}`,
          todo: "ask the app's operator to look at the log; a JFrog administrator may need to help",
        };
    }
  }
  const status = httpStatus(error);
  if (typeof status === "number") {
    const todo =
      status === 403 || status === 404
        ? "the app may lack a permission: an org owner can check the app's installation and its permissions"
        : later;
    return { what: `GitHub answered HTTP ${status}`, todo };
  }
  return { what: "an unexpected error stopped it", todo: "ask the app's operator to look at the log" };
}
