/** A JSON request body with GitHub's answers to a bad one (REST and GraphQL alike): 413, and 400 "Problems parsing JSON". */
import type { IncomingMessage } from "node:http";
import { type HttpResponse, readJsonBody } from "../shared/http.js";
import { githubError } from "./errors.js";

export async function readGitHubJson(
  req: IncomingMessage,
  options: { docs?: string; emptyIsUndefined?: boolean } = {},
): Promise<{ ok: true; value: unknown } | { ok: false; response: HttpResponse }> {
  const read = await readJsonBody(req, { emptyIsUndefined: options.emptyIsUndefined ?? false });
  if (read.ok) return read;
  return {
    ok: false,
    response:
      read.reason === "too-large"
        ? githubError(413, "Payload too large")
        : githubError(400, "Problems parsing JSON", { docs: options.docs }),
  };
}
