/**
 * The claim set of a GitHub Actions OIDC ID token, built from a few facts about the run.
 * Claims and their string-typed ids follow shared/reference/github.md and
 * https://docs.github.com/actions/reference/security/oidc#oidc-token-claims
 */
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import type { JWTPayload } from "jose";

/** Every claim GitHub documents (shared/reference/github.md). */
export const GITHUB_CLAIMS = [
  ...[
    "iss",
    "aud",
    "sub",
    "jti",
    "nbf",
    "exp",
    "iat",
    "ref",
    "ref_type",
    "sha",
    "repository",
    "repository_id",
  ],
  ...["repository_owner", "repository_owner_id", "repository_visibility", "actor", "actor_id", "workflow"],
  ...["workflow_ref", "workflow_sha", "job_workflow_ref", "job_workflow_sha", "environment", "event_name"],
  ...["head_ref", "base_ref", "run_id", "run_number", "run_attempt", "runner_environment", "enterprise"],
  "enterprise_id",
] as const;

/**
 * Claims GitHub only sends when they apply: `environment` for jobs that run in one (`environment` option),
 * `enterprise`/`enterprise_id` for repositories owned by an enterprise (set them through `overrides`).
 */
export const CONDITIONAL_CLAIMS = ["environment", "enterprise", "enterprise_id"] as const;

export interface MintTokenOptions {
  /** Repository owner login (`acme`). */
  owner: string;
  ownerId: number | string;
  /** Repository name without the owner (`app`). */
  repo: string;
  repoId: number | string;
  /** @default "refs/heads/main" */
  ref?: string;
  /** Set when the job runs in an environment; then `sub` names the environment. */
  environment?: string;
  /** @default ".github/workflows/jfrog-oidc.yml" */
  workflowPath?: string;
  audience: string;
  /** @default owner */
  actor?: string;
  /** @default "push"; `pull_request` makes `sub` end in `:pull_request` as GitHub does. */
  eventName?: string;
  /** @default 300 */
  expiresInSeconds?: number;
  /** @default the issuer's clock */
  issuedAt?: Date;
  /** Replace or add claims last (e.g. `iss`, `repository_visibility`, `enterprise`). */
  overrides?: Record<string, string>;
}

export interface ClaimContext {
  issuer: string;
  issuedAt: Date;
  /** n-th token this issuer minted: becomes `run_number`, and `run_id` derives from it. */
  run: number;
  jti: string;
}

/** Stable fake numbers and SHAs: the same inputs give the same claims, which keeps snapshots steady. */
function digest(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

function subject(repository: string, opts: MintTokenOptions, ref: string): string {
  if (opts.environment !== undefined) return `repo:${repository}:environment:${opts.environment}`;
  if (opts.eventName === "pull_request") return `repo:${repository}:pull_request`;
  return `repo:${repository}:ref:${ref}`;
}

export function githubClaims(opts: MintTokenOptions, ctx: ClaimContext): JWTPayload {
  const ref = opts.ref ?? "refs/heads/main";
  const workflowPath = opts.workflowPath ?? ".github/workflows/jfrog-oidc.yml";
  const repository = `${opts.owner}/${opts.repo}`;
  const actor = opts.actor ?? opts.owner;
  const sha = digest(`${repository}@${ref}`);
  const workflowRef = `${repository}/${workflowPath}@${ref}`;
  const iat = Math.floor(ctx.issuedAt.getTime() / 1000);
  const claims: JWTPayload = {
    iss: ctx.issuer,
    aud: opts.audience,
    sub: subject(repository, opts, ref),
    jti: ctx.jti,
    nbf: iat,
    exp: iat + (opts.expiresInSeconds ?? 300),
    iat,
    ref,
    ref_type: ref.startsWith("refs/tags/") ? "tag" : "branch",
    sha,
    repository,
    repository_id: String(opts.repoId),
    repository_owner: opts.owner,
    repository_owner_id: String(opts.ownerId),
    repository_visibility: "private",
    actor,
    actor_id:
      actor === opts.owner ? String(opts.ownerId) : String(Number.parseInt(digest(actor).slice(0, 7), 16)),
    workflow: basename(workflowPath, extname(workflowPath)),
    workflow_ref: workflowRef,
    workflow_sha: sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: sha,
    ...(opts.environment !== undefined && { environment: opts.environment }),
    event_name: opts.eventName ?? "push",
    head_ref: "",
    base_ref: "",
    run_id: String(4_000_000_000 + ctx.run),
    run_number: String(ctx.run),
    run_attempt: "1",
    runner_environment: "github-hosted",
  };
  return { ...claims, ...opts.overrides };
}
