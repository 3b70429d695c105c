/**
 * The GitHub emulator's world: accounts, repositories with a tiny git model (each commit holds its whole tree,
 * enough for repositories of a few files), issues and pull requests sharing one number sequence per repository
 * as on GitHub, comments, reactions, labels and check runs.
 */

export type AccessLevel = "read" | "write" | "admin";
/**
 * A person's role on a repository (https://docs.github.com/organizations/managing-user-access-to-your-organizations-repositories/managing-repository-roles/repository-roles-for-an-organization):
 * GitHub's five base roles, weakest first.
 */
export type RepoRole = "read" | "triage" | "write" | "maintain" | "admin";
/** A GitHub App permission set: `{ contents: "write", metadata: "read", … }`. */
export type Permissions = Record<string, AccessLevel>;

export interface Account {
  login: string;
  id: number;
  nodeId: string;
  type: "User" | "Organization" | "Bot";
}

export interface Org extends Account {
  type: "Organization";
  /** login (lower case) → role */
  members: Map<string, "admin" | "member">;
  /** Team slugs: reviewers may be requested from them. */
  teams: Set<string>;
}

export interface Commit {
  oid: string;
  /** Every file of the commit: path → text. */
  tree: ReadonlyMap<string, string>;
  parents: string[];
  message: string;
  author: { name: string; email: string; login: string };
  committedAt: Date;
  /** Commits made through the API with an app token show as verified (shared/reference/github.md). */
  verified: boolean;
}

export interface Pull {
  head: string;
  base: string;
  draft: boolean;
  merged: boolean;
  mergedAt: Date | null;
  /** Base head when the PR was opened: what a merge compares the head branch against. */
  mergeBase: string;
  requestedReviewers: string[];
  requestedTeams: string[];
  /** Set for a PR opened from a fork: the fork owner's login (its head branch lives in the fork, not here). */
  fromFork?: string;
}

/** An issue, or a pull request when `pull` is set (GitHub numbers both from one sequence). */
export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string;
  state: "open" | "closed";
  closedAt: Date | null;
  labels: string[];
  user: Account;
  createdAt: Date;
  pull?: Pull;
}

export interface Reaction {
  id: number;
  content: string;
  user: Account;
  createdAt: Date;
}

export interface IssueComment {
  id: number;
  issueNumber: number;
  body: string;
  user: Account;
  createdAt: Date;
  updatedAt: Date;
  reactions: Reaction[];
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: string;
  title?: string;
  message: string;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  /** Every annotation sent, in order: an update adds to them (GitHub keeps the earlier ones). */
  annotations: CheckAnnotation[];
  appId: number | null;
  createdAt: Date;
}

export interface Repo {
  id: number;
  nodeId: string;
  owner: Org;
  name: string;
  /** The name GitHub reports even while the repository is empty. */
  defaultBranch: string;
  visibility: "public" | "private" | "internal";
  archived: boolean;
  fork: boolean;
  createdAt: Date;
  /** branch name → head commit oid; empty for an empty repository. */
  branches: Map<string, string>;
  commits: Map<string, Commit>;
  issues: Map<number, Issue>;
  comments: IssueComment[];
  /** lower-cased name → label */
  labels: Map<string, Label>;
  checkRuns: CheckRun[];
  /** login (lower case) → role on this repository */
  collaborators: Map<string, RepoRole>;
}

export const fullName = (repo: Repo) => `${repo.owner.login}/${repo.name}`;

export const isEmptyRepo = (repo: Repo) => repo.branches.size === 0;
