/**
 * `createCommitOnBranch`: appends one commit to an EXISTING branch, only if the branch still points at
 * `expectedHeadOid` (else `STALE_DATA`), and touching `.github/workflows/` only with `workflows: write` — unless
 * the same file with the same content is already on another branch, which GitHub allows
 * (https://docs.github.com/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps, `workflow` scope).
 * Commits made with an app token are verified (shared/reference/github.md).
 */
import { allows } from "../auth/permissions.js";
import { admitContent } from "../content-gate.js";
import { workflowRefusal } from "../errors.js";
import { OperationError } from "../operations.js";
import { fullName, isEmptyRepo, type Repo } from "../state/model.js";
import { type GraphQLContext, notFoundRepository, requirePermission, visibleRepo } from "./context.js";
import { TypedGraphQLError } from "./errors.js";
import { commitNode, refNode } from "./git-nodes.js";

interface CommitInput {
  branch: { repositoryNameWithOwner?: string | null; branchName?: string | null; id?: string | null };
  expectedHeadOid: string;
  message: { headline: string; body?: string | null };
  fileChanges?: {
    additions?: Array<{ path: string; contents: string }> | null;
    deletions?: Array<{ path: string }> | null;
  } | null;
  clientMutationId?: string | null;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function targetRepo(ctx: GraphQLContext, input: CommitInput): Repo {
  const named = input.branch.repositoryNameWithOwner;
  if (!named)
    throw new TypedGraphQLError(
      "UNPROCESSABLE",
      "A repositoryNameWithOwner is required (branch ids are not supported by the emulator)",
    );
  const [owner = "", name = "", ...rest] = named.split("/");
  if (rest.length > 0) throw notFoundRepository(named);
  return visibleRepo(ctx, owner, name);
}

/** Decoded additions, checked before anything is written. */
function changesOf(input: CommitInput): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const { path, contents } of input.fileChanges?.additions ?? []) {
    if (!BASE64.test(contents))
      throw new TypedGraphQLError("UNPROCESSABLE", `The contents of ${path} are not valid Base64`);
    changes[path] = Buffer.from(contents, "base64").toString("utf8");
  }
  for (const { path } of input.fileChanges?.deletions ?? []) changes[path] = null;
  return changes;
}

function checkWorkflows(
  ctx: GraphQLContext,
  repo: Repo,
  branch: string,
  changes: Record<string, string | null>,
): void {
  if (allows(ctx.grant.permissions, "workflows", "write")) return;
  for (const [path, text] of Object.entries(changes)) {
    if (!path.startsWith(".github/workflows/")) continue;
    const elsewhere =
      text !== null &&
      [...repo.branches]
        .filter(([name]) => name !== branch)
        .some(([, oid]) => repo.commits.get(oid)?.tree.get(path) === text);
    if (!elsewhere) throw new TypedGraphQLError("FORBIDDEN", workflowRefusal(path));
  }
}

export function createCommitOnBranch(ctx: GraphQLContext, { input }: { input: CommitInput }) {
  const repo = targetRepo(ctx, input);
  requirePermission(ctx, "contents", "write");
  const branch = input.branch.branchName ?? "";
  const changes = changesOf(input);
  checkWorkflows(ctx, repo, branch, changes);
  if (isEmptyRepo(repo) || !repo.branches.has(branch))
    throw new TypedGraphQLError("NOT_FOUND", `A ref named "refs/heads/${branch}" does not exist.`);
  const refused = admitContent(ctx.core, ctx.installation, fullName(repo));
  if (refused) {
    ctx.refused = refused;
    throw new TypedGraphQLError("RATE_LIMITED", "secondary rate limit");
  }
  const bot = ctx.core.store.appBot();
  const message = [input.message.headline, input.message.body].filter(Boolean).join("\n\n");
  try {
    const commit = ctx.core.ops.commit(repo, branch, changes, message, bot, {
      verified: true,
      expectedHead: input.expectedHeadOid,
    });
    return {
      clientMutationId: input.clientMutationId ?? null,
      commit: commitNode(ctx.core.urls, repo, commit),
      ref: refNode(ctx.core.urls, repo, branch),
    };
  } catch (error) {
    if (error instanceof OperationError && error.kind === "stale")
      throw new TypedGraphQLError("STALE_DATA", error.message);
    if (error instanceof OperationError) throw new TypedGraphQLError("UNPROCESSABLE", error.message);
    throw error;
  }
}
