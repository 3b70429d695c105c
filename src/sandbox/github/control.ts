/**
 * The emulator's control API: what tests, benchmarks and the sandbox do as GitHub's other users (create an org,
 * install the app, create a repository, push, merge, comment) and how they look at the result. Changes go
 * through the same operations as API calls, so they send the same webhooks.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import type { Core } from "./core.js";
import type { NewRepository } from "./operations.js";
import { type RepoSnapshot, snapshotRepo } from "./snapshot.js";
import type { Account, Permissions, RepoRole } from "./state/model.js";
import { type AppRegistration, type Installation, nodeId } from "./state/store.js";
import { repositoryCreated } from "./webhooks/events.js";

export interface AppSpec {
  id: number;
  slug?: string;
  name?: string;
  /** PEM (SPKI or PKCS#1) or a KeyObject: verifies the app's JWTs. */
  publicKey: string | KeyObject;
  /** What the app asks for (its manifest's `default_permissions`). */
  permissions: Permissions;
  /** Events it subscribes to (its manifest's `default_events`). */
  events: string[];
}

export interface InstallSpec {
  /** The app's permissions by default: an installation accepts what the app asks for. */
  permissions?: Permissions;
  events?: string[];
  /** `all` (default) or the names of the repositories it may see. */
  repositories?: "all" | string[];
}

export interface Control {
  registerApp(spec: AppSpec): AppRegistration;
  createOrg(login: string, people?: { admins?: string[]; members?: string[]; teams?: string[] }): void;
  /** A user, or a bot when `type` says so or the login ends in `[bot]` as GitHub's bot accounts do. */
  addUser(login: string, type?: "User" | "Bot"): void;
  install(org: string, spec?: InstallSpec): Installation;
  /** Creates a repository as `as` (an org admin by default) and announces `repository.created` unless `announce: false`. */
  createRepository(spec: Omit<NewRepository, "sender"> & { as?: string; announce?: boolean }): RepoSnapshot;
  /**
   * A person's push of one commit (null deletes a file). A new branch starts at the default branch's head; the
   * first push to an empty repository creates the default branch. `announce: false` sends no `push` webhook
   * (a change the app missed: it only sees it when it reads the repository again).
   */
  push(spec: {
    owner: string;
    repo: string;
    branch?: string;
    files: Record<string, string | null>;
    message?: string;
    as?: string;
    announce?: boolean;
  }): string;
  /** A person's pull request from a branch of the repository (pushed first) into its default branch. */
  openPullRequest(owner: string, repo: string, spec: { head: string; title: string }, as?: string): number;
  /** A person's pull request from their fork, whose head branch is named `head` (it may share a name with ours). */
  openForkPullRequest(owner: string, repo: string, spec: { head: string; title: string }, as: string): number;
  mergePullRequest(owner: string, repo: string, number: number, as?: string): string;
  closePullRequest(owner: string, repo: string, number: number, as?: string): void;
  /** Opens a plain issue (announced as `issues.opened`) and returns its number. */
  openIssue(owner: string, repo: string, spec: { title: string; body?: string }, as?: string): number;
  /** A person edits an issue's body (`issues.edited`, with the previous body in `changes.body.from`). */
  editIssueBody(owner: string, repo: string, number: number, body: string, as?: string): void;
  /** Comments on an issue or pull request (`issue_comment.created`) and returns the comment's id. */
  comment(owner: string, repo: string, number: number, body: string, as?: string): number;
  /** Edits a comment's body (`issue_comment.edited`, with the previous body in `changes`). */
  editComment(owner: string, repo: string, commentId: number, body: string, as?: string): void;
  /** Deletes a comment (`issue_comment.deleted`). */
  deleteComment(owner: string, repo: string, commentId: number, as?: string): void;
  /** A person's reaction to a comment (GitHub sends no webhook for reactions). */
  react(owner: string, repo: string, commentId: number, content: string, as?: string): void;
  /** Gives a person a role on the repository (`maintain` and `triage` too, as GitHub's repository roles). */
  addCollaborator(owner: string, repo: string, login: string, role: RepoRole): void;
  /** A fresh installation token, as the app would get one (for curl and for tests that call the API directly). */
  installationToken(installationId: number): string;
  repository(owner: string, name: string): RepoSnapshot;
  /** A `repository.created` payload for an existing repository (to deliver by hand, forged or duplicated). */
  repositoryCreatedPayload(owner: string, name: string, as?: string): object;
}

export function createControl(core: Core): Control {
  const { store, ops } = core;

  const repoOrThrow = (owner: string, name: string) => {
    const repo = store.repo(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name} in the GitHub emulator`);
    return repo;
  };
  const account = (login: string, type?: "User" | "Bot"): Account =>
    store.addUser(login, type ?? (login.endsWith("[bot]") ? "Bot" : "User"));
  /** The person acting: the named user (or bot), else the first admin of the org, else a ghost. */
  const person = (org: string, login: string | undefined): Account => {
    if (login) return account(login);
    const admin = [...(store.org(org)?.members ?? [])].find(([, role]) => role === "admin")?.[0];
    return account(admin ?? "ghost");
  };
  const pullOrThrow = (owner: string, name: string, number: number) => {
    const repo = repoOrThrow(owner, name);
    const issue = repo.issues.get(number);
    if (!issue?.pull) throw new Error(`no pull request #${number} in ${owner}/${name}`);
    return { repo, issue };
  };
  const installationOf = (owner: string) => {
    const org = store.org(owner);
    const installation = org && store.installationFor(org);
    if (!installation) throw new Error(`the app is not installed on ${owner}`);
    return installation;
  };

  return {
    registerApp(spec) {
      const slug = spec.slug ?? `app-${spec.id}`;
      const app: AppRegistration = {
        id: spec.id,
        slug,
        name: spec.name ?? slug,
        publicKey: typeof spec.publicKey === "string" ? createPublicKey(spec.publicKey) : spec.publicKey,
        bot: store.addUser(`${slug}[bot]`, "Bot"),
        permissions: { ...spec.permissions },
        events: [...spec.events],
      };
      store.app = app;
      return app;
    },
    createOrg(login, people = {}) {
      const org = store.addOrg(login);
      for (const admin of people.admins ?? []) {
        store.addUser(admin);
        org.members.set(admin.toLowerCase(), "admin");
      }
      for (const member of people.members ?? []) {
        store.addUser(member);
        org.members.set(member.toLowerCase(), "member");
      }
      for (const team of people.teams ?? []) org.teams.add(team);
    },
    addUser: (login, type) => void account(login, type),
    install(orgLogin, spec = {}) {
      const app = store.app;
      const org = store.org(orgLogin);
      if (!app || !org) throw new Error("install: register the app and create the organization first");
      const id = store.nextId("installation");
      const names =
        spec.repositories === "all" || spec.repositories === undefined ? undefined : spec.repositories;
      const installation: Installation = {
        id,
        nodeId: nodeId("MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u", id),
        account: org,
        permissions: { ...(spec.permissions ?? app.permissions) },
        events: [...(spec.events ?? app.events)],
        repositorySelection: names ? "selected" : "all",
        repositoryIds: new Set(names?.map((n) => repoOrThrow(orgLogin, n).id)),
        suspended: false,
      };
      store.installations.set(id, installation);
      return installation;
    },
    createRepository({ as, announce = true, ...spec }) {
      ops.createRepository({ ...spec, sender: person(spec.owner, as) }, { announce });
      return snapshotRepo(repoOrThrow(spec.owner, spec.name));
    },
    push({ owner, repo: name, branch, files, message, as, announce }) {
      const repo = repoOrThrow(owner, name);
      const startAt = repo.branches.get(repo.defaultBranch);
      const actor = person(owner, as);
      const target = branch ?? repo.defaultBranch;
      return ops.commit(repo, target, files, message ?? "Update files", actor, {
        ...(startAt && { startAt }),
        ...(announce === false && { announce }),
      }).oid;
    },
    openPullRequest(owner, name, { head, title }, as) {
      const repo = repoOrThrow(owner, name);
      const spec = { head, base: repo.defaultBranch, title, body: "", draft: false };
      return ops.openPull(repo, spec, person(owner, as)).number;
    },
    openForkPullRequest(owner, name, { head, title }, as) {
      const repo = repoOrThrow(owner, name);
      return ops.openForkPull(repo, { head, base: repo.defaultBranch, title, body: "" }, account(as)).number;
    },
    mergePullRequest(owner, name, number, as) {
      const { repo, issue } = pullOrThrow(owner, name, number);
      return ops.mergePull(repo, issue, person(owner, as)).oid;
    },
    closePullRequest(owner, name, number, as) {
      const { repo, issue } = pullOrThrow(owner, name, number);
      ops.closePull(repo, issue, person(owner, as));
    },
    openIssue(owner, name, spec, as) {
      return ops.openIssue(repoOrThrow(owner, name), spec, person(owner, as)).number;
    },
    editIssueBody(owner, name, number, body, as) {
      const repo = repoOrThrow(owner, name);
      const issue = repo.issues.get(number);
      if (!issue || issue.pull) throw new Error(`no issue #${number} in ${owner}/${name}`);
      ops.editIssueBody(repo, issue, body, person(owner, as));
    },
    comment(owner, name, number, body, as) {
      const repo = repoOrThrow(owner, name);
      const issue = repo.issues.get(number);
      if (!issue) throw new Error(`no issue #${number} in ${owner}/${name}`);
      return ops.addComment(repo, issue, body, person(owner, as)).id;
    },
    editComment(owner, name, commentId, body, as) {
      ops.editComment(repoOrThrow(owner, name), commentId, body, person(owner, as));
    },
    deleteComment(owner, name, commentId, as) {
      ops.deleteComment(repoOrThrow(owner, name), commentId, person(owner, as));
    },
    react(owner, name, commentId, content, as) {
      const comment = repoOrThrow(owner, name).comments.find((c) => c.id === commentId);
      if (!comment) throw new Error(`no comment ${commentId} in ${owner}/${name}`);
      const user = person(owner, as);
      if (comment.reactions.some((r) => r.content === content && r.user.id === user.id)) return;
      comment.reactions.push({ id: store.nextId("reaction"), content, user, createdAt: core.now() });
    },
    addCollaborator(owner, name, login, role) {
      account(login);
      repoOrThrow(owner, name).collaborators.set(login.toLowerCase(), role);
    },
    installationToken(installationId) {
      const installation = store.installations.get(installationId);
      if (!installation) throw new Error(`no installation ${installationId}`);
      return core.tokens.issue({
        installationId,
        permissions: { ...installation.permissions },
        repositoryIds: null,
      }).token;
    },
    repository: (owner, name) => snapshotRepo(repoOrThrow(owner, name)),
    repositoryCreatedPayload(owner, name, as) {
      const repo = repoOrThrow(owner, name);
      return repositoryCreated(
        {
          urls: core.urls,
          installation: installationOf(owner),
          sender: person(owner, as),
          users: (login) => store.addUser(login),
        },
        repo,
      );
    },
  };
}
