/**
 * Every workflow file (`.github/workflows/*.yml|yaml`) and local action (`.github/actions/<name>/action.yml|yaml`)
 * of a repository at one commit, in ONE GraphQL query (REST would take a request per file). A blob GitHub will not
 * give as text (binary, or truncated because too large) is returned as unreadable: the audit reports it rather
 * than passing it as clean. https://docs.github.com/graphql/reference/objects#blob
 */
import type { ProbotOctokit } from "probot";
import { ReadWorkflowFilesDocument } from "./graphql/operations.generated.js";
import { queryGitHub } from "./graphql/query-github.js";
import type { RepoRef } from "./rest.js";

/** An entry's object: a blob, `{}` for a directory or submodule (the query selects blob fields only), or null. */
type Blob = { text?: string | null; isTruncated?: boolean } | null;

export interface WorkflowFiles {
  files: Map<string, string>;
  unreadable: string[];
}

const YAML_FILE = /\.ya?ml$/;
const ACTION_FILE = /^action\.ya?ml$/;

export async function readWorkflowFiles(
  octokit: ProbotOctokit,
  repo: RepoRef,
  sha: string,
): Promise<WorkflowFiles> {
  const data = await queryGitHub(octokit, ReadWorkflowFilesDocument, {
    owner: repo.owner,
    name: repo.repo,
    workflows: `${sha}:.github/workflows`,
    actions: `${sha}:.github/actions`,
  });
  const files = new Map<string, string>();
  const unreadable: string[] = [];
  const take = (path: string, blob: Blob) => {
    if (!blob || !("text" in blob)) return; // a directory or submodule, not a file
    if (typeof blob.text === "string" && !blob.isTruncated) files.set(path, blob.text);
    else unreadable.push(path);
  };
  for (const entry of data.repository?.workflows?.entries ?? [])
    if (YAML_FILE.test(entry.name)) take(`.github/workflows/${entry.name}`, entry.object);
  for (const dir of data.repository?.actions?.entries ?? [])
    for (const entry of dir.object?.entries ?? [])
      if (ACTION_FILE.test(entry.name)) take(`.github/actions/${dir.name}/${entry.name}`, entry.object);
  return { files, unreadable };
}
