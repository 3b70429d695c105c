/**
 * Sends one of the app's generated GraphQL documents (graphql/*.graphql, `npm run codegen`): the variables are
 * checked against the operation's declared variables and the answer is typed by its selection, so neither can
 * drift from the document.
 */
import type { ProbotOctokit } from "probot";
import type { TypedDocumentString } from "./operations.generated.js";

export function queryGitHub<TResult, TVariables extends Record<string, unknown>>(
  octokit: ProbotOctokit,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  return octokit.graphql<TResult>(document.toString(), variables);
}
