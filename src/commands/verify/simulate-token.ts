/**
 * The claims GitHub would put in an Actions OIDC token of this repository (shared/reference/github.md, "GitHub
 * Actions OIDC tokens"), for a given ref, environment and workflow file. Pure. Claims that change with every run
 * (actor, sha, run ids, times) cannot be predicted and are left out; a mapping that pins one is reported as
 * "depends on the run" rather than guessed.
 */
import type { RepoFacts } from "../../github/repo-facts.js";

export const UNPREDICTABLE_CLAIMS = [
  "actor",
  "actor_id",
  "sha",
  "workflow_sha",
  "job_workflow_sha",
  "run_id",
  "run_number",
  "run_attempt",
  "head_ref",
  "base_ref",
  "enterprise",
  "enterprise_id",
  "jti",
  "iat",
  "nbf",
  "exp",
] as const;

export interface SimulationInput {
  repo: Pick<RepoFacts, "id" | "ownerId" | "owner" | "fullName" | "visibility" | "defaultBranch">;
  issuer: string;
  /** The audience the generated workflow asks for (`oidc-audience`): the integration's. */
  audience: string;
  /** The app's workflow: its path and its `name:` (the `workflow` claim). */
  appWorkflow: { path: string; name: string };
  ref?: string;
  environment?: string;
  workflow?: string;
}

export interface SimulatedToken {
  claims: Record<string, string>;
  /** Assumptions worth saying out loud next to the result. */
  assumptions: string[];
}

export function simulateToken(input: SimulationInput): SimulatedToken {
  const { repo } = input;
  const ref = input.ref ?? `refs/heads/${repo.defaultBranch?.name ?? "main"}`;
  const workflowPath = input.workflow ?? input.appWorkflow.path;
  const isPull = ref.startsWith("refs/pull/");
  const assumptions: string[] = [
    "`sub` is shown in GitHub's classic format; repositories created, renamed or transferred since 2026 may get the " +
      "immutable format with ids instead, which is why the app's mappings never pin `sub`",
  ];
  const appWorkflow = workflowPath === input.appWorkflow.path;
  if (!appWorkflow)
    assumptions.push(
      "the `workflow` claim is a workflow's `name:`; for a file other than the app's its file name is assumed",
    );
  const workflowRef = `${repo.fullName}/${workflowPath}@${ref}`;
  const claims: Record<string, string> = {
    iss: input.issuer,
    aud: input.audience,
    sub: subject(repo.fullName, ref, input.environment),
    ref,
    ref_type: ref.startsWith("refs/tags/") ? "tag" : "branch",
    repository: repo.fullName,
    repository_id: String(repo.id),
    repository_owner: repo.owner,
    repository_owner_id: String(repo.ownerId),
    repository_visibility: repo.visibility,
    workflow: appWorkflow ? input.appWorkflow.name : baseName(workflowPath),
    workflow_ref: workflowRef,
    // A job that does not call a reusable workflow gets its own workflow here.
    job_workflow_ref: workflowRef,
    event_name: isPull ? "pull_request" : "push",
    runner_environment: "github-hosted",
  };
  if (input.environment !== undefined) claims.environment = input.environment;
  return { claims, assumptions };
}

function subject(fullName: string, ref: string, environment: string | undefined): string {
  if (environment !== undefined) return `repo:${fullName}:environment:${environment}`;
  if (ref.startsWith("refs/pull/")) return `repo:${fullName}:pull_request`;
  return `repo:${fullName}:ref:${ref}`;
}

function baseName(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.ya?ml$/, "");
}
