/**
 * GitHub's GraphQL API answers many failures with HTTP 200 and typed errors in the body (`NOT_FOUND` for a
 * missing repository, `STALE_DATA` when `createCommitOnBranch`'s expectedHeadOid is no longer the branch head;
 * https://docs.github.com/graphql). Octokit throws them as a GraphqlResponseError carrying that `errors` list.
 */
export function hasGraphqlErrorType(error: unknown, type: string): boolean {
  const errors = (error as { errors?: Array<{ type?: string }> } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => e.type === type);
}
