/**
 * Holds the emulator's accounts, repositories and app installations, and hands out ids. Changes that GitHub
 * would announce with a webhook go through `operations.ts`; this class only stores.
 */
import type { KeyObject } from "node:crypto";
import type { Account, Org, Permissions, Repo } from "./model.js";

export interface AppRegistration {
  id: number;
  slug: string;
  name: string;
  /** Verifies the app's JWTs (RS256). */
  publicKey: KeyObject;
  /** `<slug>[bot]`: the author of everything the app writes. */
  bot: Account;
  permissions: Permissions;
  events: string[];
}

export interface Installation {
  id: number;
  nodeId: string;
  account: Org;
  permissions: Permissions;
  events: string[];
  repositorySelection: "all" | "selected";
  /** With `selected`: the repositories the installation may see. */
  repositoryIds: Set<number>;
  suspended: boolean;
}

type IdKind = "account" | "repo" | "issue" | "comment" | "label" | "check" | "reaction" | "installation";

/** Distinct ranges per kind, so an id in a test failure says what it is. */
const FIRST_ID: Record<IdKind, number> = {
  account: 5_001,
  repo: 70_001,
  issue: 2_000_001,
  comment: 3_000_001,
  label: 4_000_001,
  check: 6_000_001,
  reaction: 8_000_001,
  installation: 40_001,
};

const key = (text: string) => text.toLowerCase();

/** GitHub's node ids are opaque base64 strings with a type prefix; these only need to be unique and stable. */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`0:${id}`).toString("base64url")}`;
}

export class GitHubStore {
  readonly accounts = new Map<string, Account>();
  readonly repos = new Map<string, Repo>();
  readonly installations = new Map<number, Installation>();
  app: AppRegistration | undefined;
  #next = { ...FIRST_ID };
  /** owner id → its repositories, oldest first: an org's listing pages through this without scanning every repo. */
  readonly #byOwner = new Map<number, Repo[]>();

  nextId(kind: IdKind): number {
    const id = this.#next[kind];
    this.#next[kind] = id + 1;
    return id;
  }

  account(login: string): Account | undefined {
    return this.accounts.get(key(login));
  }

  org(login: string): Org | undefined {
    const account = this.account(login);
    return account?.type === "Organization" ? (account as Org) : undefined;
  }

  addUser(login: string, type: "User" | "Bot" = "User"): Account {
    const existing = this.account(login);
    if (existing) return existing;
    const id = this.nextId("account");
    const user: Account = { login, id, nodeId: nodeId(type === "Bot" ? "BOT" : "U", id), type };
    this.accounts.set(key(login), user);
    return user;
  }

  addOrg(login: string): Org {
    const existing = this.org(login);
    if (existing) return existing;
    if (this.account(login)) throw new Error(`${login} is already a user`);
    const id = this.nextId("account");
    const org: Org = {
      login,
      id,
      nodeId: nodeId("O", id),
      type: "Organization",
      members: new Map(),
      teams: new Set(),
    };
    this.accounts.set(key(login), org);
    return org;
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(key(`${owner}/${name}`));
  }

  putRepo(repo: Repo): void {
    this.repos.set(key(`${repo.owner.login}/${repo.name}`), repo);
    const owned = this.#byOwner.get(repo.owner.id) ?? [];
    owned.push(repo);
    this.#byOwner.set(repo.owner.id, owned);
  }

  /** A renamed repository: found by its new name only (the id, and so its place in listings, stay). */
  renameRepo(repo: Repo, name: string): void {
    this.repos.delete(key(`${repo.owner.login}/${repo.name}`));
    repo.name = name;
    this.repos.set(key(`${repo.owner.login}/${repo.name}`), repo);
  }

  /** A deleted repository: gone from lookups and listings; its id is never handed out again. */
  removeRepo(repo: Repo): void {
    this.repos.delete(key(`${repo.owner.login}/${repo.name}`));
    const owned = this.#byOwner.get(repo.owner.id) ?? [];
    this.#byOwner.set(
      repo.owner.id,
      owned.filter((r) => r !== repo),
    );
  }

  /** The owner's repositories in creation order (ids ascending); never moved here (a rename keeps the place). */
  reposOf(owner: Account): readonly Repo[] {
    return this.#byOwner.get(owner.id) ?? [];
  }

  /** The installation of the app on the repository's owner, if any. */
  installationFor(owner: Account): Installation | undefined {
    return [...this.installations.values()].find((i) => i.account.id === owner.id);
  }

  /** The app's bot account: who an installation token writes as. */
  appBot(): Account {
    if (!this.app) throw new Error("the GitHub emulator has no app registered");
    return this.app.bot;
  }

  canSee(installation: Installation, repo: Repo): boolean {
    if (installation.account.id !== repo.owner.id) return false;
    return installation.repositorySelection === "all" || installation.repositoryIds.has(repo.id);
  }
}
