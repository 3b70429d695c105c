/** What every REST write of the app shares: how it names the repository, and how it reads a failed answer. */

/** A repository as REST routes address it: `/repos/{owner}/{repo}`. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** The HTTP status of a failed Octokit request (a `RequestError`), or undefined for anything else. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? status : undefined;
}
