/** What every REST write of the app shares: how it names the repository, and how it reads a failed answer. */
import { RequestError } from "@octokit/request-error";

/** A repository as REST routes address it: `/repos/{owner}/{repo}`. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * The HTTP status of a failed Octokit request, or undefined for anything else (a network failure, a GraphQL
 * error, a bug). By type, not by shape: a JFrogError also has a `status`, and must never read as GitHub's answer.
 */
export function httpStatus(error: unknown): number | undefined {
  return error instanceof RequestError ? error.status : undefined;
}
