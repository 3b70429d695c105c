/**
 * A failed command's reply: what went wrong in words a maintainer can act on (github/failure-words.ts), what was
 * done before it, and the delivery id under which the operator finds the details in the log. The log gets the full
 * error.
 */

import { describeFailure } from "../../github/failure-words.js";
import { bullets, code } from "../../github/markdown.js";

// run-comment.ts reads the words from here too.
export { describeFailure } from "../../github/failure-words.js";

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
