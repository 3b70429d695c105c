/** Read-only copies of a repository's state for tests and the sandbox: later changes never alter a snapshot. */
import { resolveRevision } from "./state/git.js";
import { type Commit, fullName, isEmptyRepo, type Repo } from "./state/model.js";

export interface PullSnapshot {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
  draft: boolean;
  head: string;
  base: string;
  author: string;
  labels: string[];
  requestedReviewers: string[];
  requestedTeams: string[];
}

export interface RepoSnapshot {
  id: number;
  ownerId: number;
  fullName: string;
  defaultBranch: string;
  empty: boolean;
  /** branch → head oid */
  branches: Record<string, string>;
  pulls: PullSnapshot[];
  /** Plain issues (not pull requests), as their bodies read now (the rollout dashboard is one). */
  issues: Array<{ number: number; title: string; body: string; state: "open" | "closed"; author: string }>;
  comments: Array<{
    id: number;
    issue: number;
    body: string;
    author: string;
    /** In the order they were left. */
    reactions: Array<{ content: string; user: string }>;
  }>;
  checkRuns: Array<{
    name: string;
    headSha: string;
    conclusion: string | null;
    title?: string;
    summary?: string;
    text?: string;
    annotations: Array<{ path: string; line: number; level: string; title?: string; message: string }>;
  }>;
  labels: string[];
  /** Files at a branch or oid (the default branch when omitted); empty for an unknown revision. */
  files(revision?: string): Record<string, string>;
  /** Commits reachable from a branch, newest first. */
  log(revision?: string): Array<{ oid: string; message: string; author: string; verified: boolean }>;
}

export function snapshotRepo(repo: Repo): RepoSnapshot {
  const copy = structuredClone({
    branches: repo.branches,
    issues: repo.issues,
    comments: repo.comments,
    checkRuns: repo.checkRuns,
  });
  const commits = new Map(repo.commits);
  const frozen: Repo = { ...repo, branches: copy.branches, commits };
  return {
    id: repo.id,
    ownerId: repo.owner.id,
    fullName: fullName(repo),
    defaultBranch: repo.defaultBranch,
    empty: isEmptyRepo(repo),
    branches: Object.fromEntries(copy.branches),
    pulls: [...copy.issues.values()].flatMap((i) =>
      i.pull
        ? [
            {
              number: i.number,
              title: i.title,
              body: i.body,
              state: i.state,
              merged: i.pull.merged,
              draft: i.pull.draft,
              head: i.pull.head,
              base: i.pull.base,
              author: i.user.login,
              labels: [...i.labels],
              requestedReviewers: [...i.pull.requestedReviewers],
              requestedTeams: [...i.pull.requestedTeams],
            },
          ]
        : [],
    ),
    issues: [...copy.issues.values()].flatMap((i) =>
      i.pull
        ? []
        : [{ number: i.number, title: i.title, body: i.body, state: i.state, author: i.user.login }],
    ),
    comments: copy.comments.map((c) => ({
      id: c.id,
      issue: c.issueNumber,
      body: c.body,
      author: c.user.login,
      reactions: c.reactions.map((r) => ({ content: r.content, user: r.user.login })),
    })),
    checkRuns: copy.checkRuns.map((r) => ({
      name: r.name,
      headSha: r.headSha,
      conclusion: r.conclusion,
      title: r.output.title,
      summary: r.output.summary,
      text: r.output.text,
      annotations: r.annotations.map((a) => ({
        path: a.path,
        line: a.startLine,
        level: a.level,
        title: a.title,
        message: a.message,
      })),
    })),
    labels: [...repo.labels.values()].map((l) => l.name),
    files(revision = "HEAD") {
      const commit = resolveRevision(frozen, revision);
      return commit ? Object.fromEntries(commit.tree) : {};
    },
    log(revision = "HEAD") {
      const start = resolveRevision(frozen, revision);
      if (!start) return [];
      const out: Array<{ oid: string; message: string; author: string; verified: boolean }> = [];
      for (let c: Commit | undefined = start; c; c = c.parents[0] ? commits.get(c.parents[0]) : undefined)
        out.push({ oid: c.oid, message: c.message, author: c.author.login, verified: c.verified });
      return out;
    },
  };
}
