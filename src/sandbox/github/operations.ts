/**
 * Changes to the world that GitHub announces with webhooks: one place for each, shared by the REST routes, the
 * GraphQL mutations and the emulator's control API (a person pushing, merging, commenting). Each checks what
 * GitHub checks and throws an {@link OperationError} GitHub-worded for the caller to turn into its answer.
 */

import { addCommit, applyChanges, history, ZERO_OID } from "./state/git.js";
import type { Account, Commit, Issue, IssueComment, Pull, Repo } from "./state/model.js";
import { type GitHubStore, nodeId } from "./state/store.js";
import type { EventContext, WebhookPayload } from "./webhooks/events.js";
import * as events from "./webhooks/events.js";

export class OperationError extends Error {
  override name = "OperationError";
  constructor(
    /** A GitHub-ish category the REST and GraphQL layers map to a status or error type. */
    readonly kind: "not-found" | "conflict" | "invalid" | "stale" | "empty",
    message: string,
  ) {
    super(message);
  }
}

/** Sends `event` to the installation on the repository's owner, when it can see the repository and subscribes. */
export type Announce = (
  repo: Repo,
  sender: Account,
  event: string,
  build: (ctx: EventContext) => WebhookPayload,
) => void;

export interface NewRepository {
  owner: string;
  name: string;
  /** Files of the first commit; omit (or `{}`) for an empty repository. */
  files?: Record<string, string>;
  defaultBranch?: string;
  visibility?: Repo["visibility"];
  archived?: boolean;
  fork?: boolean;
  sender: Account;
}

export interface NewPull {
  head: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
}

const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

export class Operations {
  constructor(
    private readonly store: GitHubStore,
    private readonly now: () => Date,
    private readonly announce: Announce,
  ) {}

  /** `announce: false` skips the `repository.created` webhook (a test delivers its own, forged or duplicated). */
  createRepository(spec: NewRepository, { announce = true } = {}): Repo {
    const owner = this.store.org(spec.owner);
    if (!owner) throw new OperationError("not-found", `organization ${spec.owner} does not exist`);
    if (!REPO_NAME.test(spec.name) || spec.name === "." || spec.name === "..")
      throw new OperationError("invalid", `name ${JSON.stringify(spec.name)} is not a valid repository name`);
    if (this.store.repo(spec.owner, spec.name))
      throw new OperationError("conflict", "name already exists on this account");
    const id = this.store.nextId("repo");
    const repo: Repo = {
      id,
      nodeId: nodeId("R", id),
      owner,
      name: spec.name,
      defaultBranch: spec.defaultBranch ?? "main",
      visibility: spec.visibility ?? "private",
      archived: spec.archived ?? false,
      fork: spec.fork ?? false,
      createdAt: this.now(),
      branches: new Map(),
      commits: new Map(),
      issues: new Map(),
      comments: [],
      labels: new Map(),
      checkRuns: [],
      collaborators: new Map(),
    };
    if (spec.files && Object.keys(spec.files).length > 0) {
      const commit = addCommit(repo, {
        tree: new Map(Object.entries(spec.files)),
        parents: [],
        message: "Initial commit",
        author: author(spec.sender),
        at: this.now(),
        verified: false,
      });
      repo.branches.set(repo.defaultBranch, commit.oid);
    }
    this.store.putRepo(repo);
    if (announce)
      this.announce(repo, spec.sender, "repository", (ctx) => events.repositoryCreated(ctx, repo));
    return repo;
  }

  /**
   * One commit on `branch` applying `changes` (text adds or replaces, null deletes). A missing branch is created
   * only in an empty repository (the first push) or from `startAt` (a person pushing a new branch);
   * `expectedHead` guards against a branch that moved.
   */
  commit(
    repo: Repo,
    branch: string,
    changes: Record<string, string | null>,
    message: string,
    actor: Account,
    options: { verified?: boolean; expectedHead?: string; startAt?: string; announce?: boolean } = {},
  ): Commit {
    const before = repo.branches.get(branch);
    if (before === undefined && repo.branches.size > 0 && options.startAt === undefined)
      throw new OperationError("not-found", `A ref named "refs/heads/${branch}" does not exist`);
    if (options.expectedHead !== undefined && options.expectedHead !== (before ?? ZERO_OID))
      throw new OperationError(
        "stale",
        `Expected branch to point to "${options.expectedHead}" but it did not.  Pull and try again.`,
      );
    const parentOid = before ?? options.startAt;
    const parent = parentOid === undefined ? undefined : repo.commits.get(parentOid);
    if (parentOid !== undefined && !parent) throw new OperationError("invalid", "Object does not exist");
    const commit = addCommit(repo, {
      tree: applyChanges(parent?.tree ?? new Map(), changes),
      parents: parentOid === undefined ? [] : [parentOid],
      message,
      author: author(actor),
      at: this.now(),
      verified: options.verified ?? false,
    });
    // GitHub makes the first branch pushed to an empty repository its default branch.
    if (repo.branches.size === 0) repo.defaultBranch = branch;
    repo.branches.set(branch, commit.oid);
    if (options.announce !== false) this.#announcePush(repo, actor, branch, before, [commit]);
    return commit;
  }

  createBranch(repo: Repo, branch: string, oid: string, actor: Account): void {
    if (repo.branches.size === 0) throw new OperationError("empty", "Git Repository is empty.");
    if (repo.branches.has(branch)) throw new OperationError("conflict", "Reference already exists");
    if (!repo.commits.has(oid)) throw new OperationError("invalid", "Object does not exist");
    repo.branches.set(branch, oid);
    this.#announcePush(repo, actor, branch, undefined, []);
  }

  /**
   * Points an existing branch at another commit (`PATCH /git/refs/{ref}`): only forward unless `force`, as GitHub
   * refuses a non-fast-forward update without it ("Update is not a fast forward").
   */
  moveBranch(repo: Repo, branch: string, oid: string, force: boolean, actor: Account): void {
    const before = repo.branches.get(branch);
    if (before === undefined) throw new OperationError("not-found", "Reference does not exist");
    if (!repo.commits.has(oid)) throw new OperationError("invalid", "Object does not exist");
    if (!force && !history(repo, oid).some((c) => c.oid === before))
      throw new OperationError("invalid", "Update is not a fast forward");
    repo.branches.set(branch, oid);
    this.#announcePush(repo, actor, branch, before, []);
  }

  /** A plain issue. */
  openIssue(repo: Repo, spec: { title: string; body?: string }, actor: Account): Issue {
    const issue = this.#addIssue(repo, spec.title, spec.body ?? "", actor);
    this.announce(repo, actor, "issues", (ctx) => events.issueOpened(ctx, repo, issue));
    return issue;
  }

  /** A body edit (by a person or through the API): `issues.edited` carries the body it replaced. */
  editIssueBody(repo: Repo, issue: Issue, body: string, actor: Account): Issue {
    const from = issue.body;
    if (from === body) return issue;
    issue.body = body;
    this.announce(repo, actor, "issues", (ctx) => events.issueEdited(ctx, repo, issue, from));
    return issue;
  }

  openPull(repo: Repo, spec: NewPull, actor: Account): Issue {
    const headOid = repo.branches.get(spec.head);
    const baseOid = repo.branches.get(spec.base);
    if (headOid === undefined) throw new OperationError("invalid", "head");
    if (baseOid === undefined) throw new OperationError("invalid", "base");
    checkNoOpenPull(repo, spec.head, spec.base);
    if (history(repo, baseOid).some((c) => c.oid === headOid))
      throw new OperationError("invalid", `No commits between ${spec.base} and ${spec.head}`);
    const issue = this.#addIssue(repo, spec.title, spec.body, actor, {
      head: spec.head,
      base: spec.base,
      draft: spec.draft,
      merged: false,
      mergedAt: null,
      mergeBase: baseOid,
      requestedReviewers: [],
      requestedTeams: [],
    });
    this.announce(repo, actor, "pull_request", (ctx) => events.pullRequest(ctx, repo, issue, "opened"));
    return issue;
  }

  /**
   * A pull request from `actor`'s fork: its head branch lives in the fork, so it may share a name with a branch of
   * this repository (GitHub's `isCrossRepository`).
   */
  openForkPull(repo: Repo, spec: Omit<NewPull, "draft">, actor: Account): Issue {
    const baseOid = repo.branches.get(spec.base);
    if (baseOid === undefined) throw new OperationError("invalid", "base");
    const issue = this.#addIssue(repo, spec.title, spec.body, actor, {
      head: spec.head,
      base: spec.base,
      draft: false,
      merged: false,
      mergedAt: null,
      mergeBase: baseOid,
      requestedReviewers: [],
      requestedTeams: [],
      fromFork: actor.login,
    });
    this.announce(repo, actor, "pull_request", (ctx) => events.pullRequest(ctx, repo, issue, "opened"));
    return issue;
  }

  closePull(repo: Repo, issue: Issue, actor: Account): void {
    if (issue.state === "closed") return;
    issue.state = "closed";
    issue.closedAt = this.now();
    this.announce(repo, actor, "pull_request", (ctx) => events.pullRequest(ctx, repo, issue, "closed"));
  }

  /**
   * Reopens a closed, unmerged pull request unless another one is open for the same branches. Not announced: the
   * emulator sends no `pull_request.reopened`.
   */
  reopenPull(repo: Repo, issue: Issue): void {
    const pull = issue.pull;
    if (!pull || issue.state === "open") return;
    if (pull.merged) throw new OperationError("invalid", "Cannot reopen a merged pull request");
    checkNoOpenPull(repo, pull.head, pull.base);
    issue.state = "open";
    issue.closedAt = null;
  }

  /** A merge commit on the base with the head branch's changes since the PR was opened. */
  mergePull(repo: Repo, issue: Issue, actor: Account): Commit {
    const pull = issue.pull;
    if (!pull || issue.state !== "open") throw new OperationError("invalid", "Pull Request is not mergeable");
    const headOid = repo.branches.get(pull.head);
    const baseOid = repo.branches.get(pull.base);
    const head = headOid ? repo.commits.get(headOid) : undefined;
    const base = baseOid ? repo.commits.get(baseOid) : undefined;
    const mergeBase = repo.commits.get(pull.mergeBase);
    if (!head || !base || !mergeBase || !baseOid || !headOid)
      throw new OperationError("invalid", "Pull Request is not mergeable");
    const changes: Record<string, string | null> = {};
    for (const path of new Set([...mergeBase.tree.keys(), ...head.tree.keys()]))
      if (head.tree.get(path) !== mergeBase.tree.get(path)) changes[path] = head.tree.get(path) ?? null;
    const merge = addCommit(repo, {
      tree: applyChanges(base.tree, changes),
      parents: [baseOid, headOid],
      message: `Merge pull request #${issue.number} from ${repo.owner.login}/${pull.head}\n\n${issue.title}`,
      author: author(actor),
      at: this.now(),
      verified: true,
    });
    repo.branches.set(pull.base, merge.oid);
    pull.merged = true;
    pull.mergedAt = this.now();
    issue.state = "closed";
    issue.closedAt = this.now();
    this.announce(repo, actor, "pull_request", (ctx) => events.pullRequest(ctx, repo, issue, "closed"));
    const known = new Set(history(repo, baseOid).map((c) => c.oid));
    const added = history(repo, merge.oid)
      .filter((c) => !known.has(c.oid))
      .reverse();
    this.#announcePush(repo, actor, pull.base, baseOid, added);
    return merge;
  }

  addComment(repo: Repo, issue: Issue, body: string, actor: Account): IssueComment {
    const comment: IssueComment = {
      id: this.store.nextId("comment"),
      issueNumber: issue.number,
      body,
      user: actor,
      createdAt: this.now(),
      updatedAt: this.now(),
      reactions: [],
    };
    repo.comments.push(comment);
    this.announce(repo, actor, "issue_comment", (ctx) =>
      events.issueComment(ctx, repo, issue, comment, { action: "created" }),
    );
    return comment;
  }

  /** GitHub lets the author (or a maintainer) edit a comment; the webhook carries the previous body. */
  editComment(repo: Repo, commentId: number, body: string, actor: Account): IssueComment {
    const { issue, comment } = this.#comment(repo, commentId);
    const from = comment.body;
    comment.body = body;
    comment.updatedAt = this.now();
    this.announce(repo, actor, "issue_comment", (ctx) =>
      events.issueComment(ctx, repo, issue, comment, { action: "edited", from }),
    );
    return comment;
  }

  deleteComment(repo: Repo, commentId: number, actor: Account): void {
    const { issue, comment } = this.#comment(repo, commentId);
    repo.comments.splice(repo.comments.indexOf(comment), 1);
    this.announce(repo, actor, "issue_comment", (ctx) =>
      events.issueComment(ctx, repo, issue, comment, { action: "deleted" }),
    );
  }

  /** Issues and pull requests take their numbers from one sequence per repository. */
  #addIssue(repo: Repo, title: string, body: string, actor: Account, pull?: Pull): Issue {
    const issue: Issue = {
      number: repo.issues.size + 1,
      id: this.store.nextId("issue"),
      title,
      body,
      state: "open",
      closedAt: null,
      labels: [],
      user: actor,
      createdAt: this.now(),
      ...(pull && { pull }),
    };
    repo.issues.set(issue.number, issue);
    return issue;
  }

  #comment(repo: Repo, commentId: number): { issue: Issue; comment: IssueComment } {
    const comment = repo.comments.find((c) => c.id === commentId);
    const issue = comment && repo.issues.get(comment.issueNumber);
    if (!comment || !issue) throw new OperationError("not-found", `no comment ${commentId}`);
    return { issue, comment };
  }

  #announcePush(
    repo: Repo,
    actor: Account,
    branch: string,
    before: string | undefined,
    commits: Commit[],
  ): void {
    const after = repo.branches.get(branch) ?? ZERO_OID;
    this.announce(repo, actor, "push", (ctx) =>
      events.push(ctx, repo, {
        ref: `refs/heads/${branch}`,
        before: before ?? ZERO_OID,
        after,
        created: before === undefined,
        deleted: false,
        commits,
      }),
    );
  }
}

/** GitHub allows one open pull request per head and base branch. */
function checkNoOpenPull(repo: Repo, head: string, base: string): void {
  for (const i of repo.issues.values())
    if (i.pull && !i.pull.fromFork && i.state === "open" && i.pull.head === head && i.pull.base === base)
      throw new OperationError("conflict", `A pull request already exists for ${repo.owner.login}:${head}.`);
}

function author(account: Account): Commit["author"] {
  return {
    name: account.login,
    email: `${account.id}+${account.login}@users.noreply.github.com`,
    login: account.login,
  };
}
