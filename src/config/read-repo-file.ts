/**
 * Reads one config file from a repository's default branch, and says plainly when it cannot: "missing" and
 * "unreadable" are answers the caller must act on (never an empty config). Trouble GitHub may recover from
 * (5xx, rate limits, the network) is thrown, so the job is retried.
 */
import { RequestError } from "@octokit/request-error";
import type { ProbotOctokit } from "probot";

export interface FileAt {
  owner: string;
  repo: string;
  path: string;
}

export type FileRead = { status: "ok"; text: string } | { status: "missing" | "unreadable"; reason: string };

export function fileLabel(at: FileAt): string {
  return `${at.owner}/${at.repo}:${at.path}`;
}

/** `ref`: a branch or commit to read at (a pull request's head); the default branch when absent. */
export async function readRepoFile(octokit: ProbotOctokit, at: FileAt, ref?: string): Promise<FileRead> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      ...at,
      ...(ref !== undefined && { ref }),
      mediaType: { format: "raw" },
    });
    // The raw media type answers a file with its text; a directory or submodule still comes back as JSON.
    if (typeof data !== "string") return { status: "unreadable", reason: "is a directory, not a file" };
    return { status: "ok", text: data };
  } catch (error) {
    // Typed by Octokit: config/ sits below github/ and reads its answers directly.
    if (!(error instanceof RequestError)) throw error;
    const { status } = error;
    if (status === 404)
      return { status: "missing", reason: "does not exist, or the app is not installed on that repository" };
    if ((status === 401 || status === 403) && !isRateLimited(error))
      return { status: "unreadable", reason: `the app may not read it (HTTP ${status})` };
    throw error;
  }
}

/** GitHub answers a rate limit with 403 too (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api). */
function isRateLimited(error: RequestError): boolean {
  const headers = error.response?.headers ?? {};
  return headers["retry-after"] !== undefined || String(headers["x-ratelimit-remaining"]) === "0";
}
