/**
 * plan for the workflow fix PR of one repository, PURE: from the fix computed on the default branch's head and the
 * fix branch's past PRs, what to do. One open fix PR per repository, updated in place (never a second); a fix PR
 * closed unmerged is the repository declining, like a closed onboarding PR: no new one is opened. The PR body
 * carries a digest of the fixed files, so an unchanged fix costs no write.
 */
import { createHash } from "node:crypto";
import { fixPullRequestBody } from "../audit/fix/fix-pull-request-body.js";
import type { RepositoryFix } from "../audit/fix/fix-repository.js";
import type { FixPullRequestFacts, FixPullRequestSpec } from "../github/fix-pull-request.js";

export const FIX_BRANCH = "jfrog-oidc/fix-workflows";
export const FIX_TITLE = "Fix the JFrog OIDC sign-in of this repository's workflows";
const DIGEST_MARKER = /<!-- jfrog-oidc-rollout:fix-digest ([0-9a-f]{64}) -->/;

export type FixPlan =
  | { kind: "none"; reason: string }
  | { kind: "open"; spec: FixPullRequestSpec }
  | { kind: "update"; number: number; spec: FixPullRequestSpec }
  | { kind: "close"; number: number; reason: string };

/** GitHub writes each plan makes (see github/fix-pull-request.ts): reserved in the budget before the first. */
export function fixPlanWrites(plan: FixPlan): number {
  return plan.kind === "open" || plan.kind === "update" ? 3 : plan.kind === "close" ? 2 : 0;
}

export interface FixPlanInput {
  fullName: string;
  fix: RepositoryFix;
  /** The fix branch's PRs, newest first. */
  pulls: readonly FixPullRequestFacts[];
  base: { name: string; oid: string };
  /** Workflow files GitHub gave no text for: the fix would be judged without them. */
  unreadable: readonly string[];
}

export function planFixPullRequest(input: FixPlanInput): FixPlan {
  const { fix, pulls } = input;
  const open = pulls.find((p) => p.state === "open");
  const last = pulls[0];
  // Fail closed: a secret an unreadable file still reads would be listed as deletable.
  if (input.unreadable.length > 0)
    return { kind: "none", reason: `${input.unreadable.length} workflow file(s) could not be read` };
  if (fix.files.length === 0)
    return open
      ? { kind: "close", number: open.number, reason: "the workflows no longer need what this PR changes" }
      : { kind: "none", reason: "nothing the app can fix" };
  if (!open && last && !last.merged)
    return {
      kind: "none",
      reason: `the fix PR #${last.number} was closed unmerged: the repository declined it`,
    };
  const digest = fixDigest(fix);
  const spec: FixPullRequestSpec = {
    branch: FIX_BRANCH,
    base: input.base,
    files: fix.files.map((f) => ({ path: f.path, content: f.after })),
    commitMessage: `Fix the JFrog OIDC sign-in of ${fix.files.length} workflow file(s)`,
    title: FIX_TITLE,
    body: `${withinLimit(fixPullRequestBody(fix, input.fullName))}\n<!-- jfrog-oidc-rollout:fix-digest ${digest} -->`,
  };
  if (!open) return { kind: "open", spec };
  if (DIGEST_MARKER.exec(open.body)?.[1] === digest)
    return { kind: "none", reason: `the fix PR #${open.number} is open and up to date` };
  return { kind: "update", number: open.number, spec };
}

/** GitHub refuses a PR body over 65,536 characters: the list is cut at a line (code spans never span lines). */
const BODY_LIMIT = 65_536 - 200;

function withinLimit(body: string): string {
  if (body.length <= BODY_LIMIT) return body;
  const cut = body.lastIndexOf("\n", BODY_LIMIT);
  return `${body.slice(0, cut)}\n\n_…the list goes on: the files changed are all in this PR's diff._`;
}

/** The fixed files' paths and texts: equal digests, equal commits. */
export function fixDigest(fix: RepositoryFix): string {
  const hash = createHash("sha256");
  for (const f of [...fix.files].sort((a, b) => a.path.localeCompare(b.path)))
    hash.update(`${f.path}\u0000${f.after}\u0000`);
  return hash.digest("hex");
}
