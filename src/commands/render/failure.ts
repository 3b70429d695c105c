/**
 * A failed command's reply: what went wrong in words a maintainer can act on, what was done before it, and the
 * delivery id under which the operator finds the details in the log. Error messages themselves are not echoed:
 * they may carry JFrog's own wording about its internals. The log gets the full error.
 */

import { bullets, code } from "../../github/markdown.js";
import { httpStatus } from "../../github/rest.js";
import { JFrogError } from "../../jfrog/errors.js";

export function describeFailure(error: unknown): { what: string; todo: string } {
  if (error instanceof JFrogError) {
    const http = error.status ? ` (HTTP ${error.status})` : "";
    switch (error.kind) {
      case "auth":
        return {
          what: `JFrog refused the app's credentials${http}`,
          todo: "the app's operator must renew or fix the app's JFrog access token",
        };
      case "unavailable":
        return { what: `JFrog is unavailable${http}`, todo: "try again in a few minutes" };
      default:
        return {
          what: `JFrog rejected the request${http}`,
          todo: "ask the app's operator to look at the log; a JFrog administrator may need to help",
        };
    }
  }
  const status = httpStatus(error);
  if (typeof status === "number") {
    const todo =
      status === 403 || status === 404
        ? "the app may lack a permission on this repository: an org owner can check the app's installation"
        : "try again in a few minutes";
    return { what: `GitHub answered HTTP ${status}`, todo };
  }
  return { what: "an unexpected error stopped it", todo: "ask the app's operator to look at the log" };
}

export function failureReply(input: {
  error: unknown;
  deliveryId: string;
  done: readonly string[];
  /** A `disable` whose opt-out is recorded: a background run finishes it, nobody needs to ask again. */
  finishesOnItsOwn: boolean;
}): string {
  const { what, todo } = describeFailure(input.error);
  return [
    `❌ **Failed:** ${what}.`,
    ...(input.done.length ? ["", "Done before the failure:", bullets(input.done)] : []),
    "",
    input.finishesOnItsOwn
      ? `**What to do:** nothing: the opt-out is recorded and the app finishes the rest on its own (if it keeps failing: ${todo}).`
      : `**What to do:** ${todo}, then run the command again.`,
    `The app's log has the details under delivery ${code(input.deliveryId)}.`,
  ].join("\n");
}
