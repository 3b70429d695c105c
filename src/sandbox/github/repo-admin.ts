/**
 * What a repository admin or an org owner does to a repository itself, and the webhook GitHub sends for it
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#repository and #installation_repositories):
 * rename, archive, change the default branch, delete, and take it out of the app's installation.
 */
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import type { InstallationRepositoriesRemovedEvent } from "@octokit/webhooks-types";
import type { Core } from "./core.js";
import type { Repo } from "./state/model.js";
import { announcer } from "./webhooks/announce.js";
import { type RepositoryAdminChange, repositoryAdmin } from "./webhooks/events.js";

export interface RepoAdmin {
  /** `repository.renamed`; the id, the mapping's pin, stays. */
  renameRepository(owner: string, name: string, newName: string, as?: string): void;
  /** `repository.archived`: read-only from now on. */
  archiveRepository(owner: string, name: string, as?: string): void;
  /** `repository.edited` with `changes.default_branch.from`; the branch must exist. */
  setDefaultBranch(owner: string, name: string, branch: string, as?: string): void;
  /** `repository.deleted`: gone from the API; a new repository may take its name (with a new id). */
  deleteRepository(owner: string, name: string, as?: string): void;
  /**
   * An org owner narrows the installation to every repository it sees but this one (`selected`), and GitHub sends
   * `installation_repositories.removed`; the installation's token no longer reads the repository.
   */
  removeFromInstallation(owner: string, name: string, as?: string): void;
}

type Example = { name: string; examples: Array<Record<string, unknown>> };

export function createRepoAdmin(core: Core): RepoAdmin {
  const { store } = core;
  const repoOrThrow = (owner: string, name: string): Repo => {
    const repo = store.repo(owner, name);
    if (!repo) throw new Error(`no repository ${owner}/${name} in the GitHub emulator`);
    return repo;
  };
  const admin = (owner: string, as: string | undefined) => {
    const login = as ?? [...(store.org(owner)?.members ?? [])].find(([, role]) => role === "admin")?.[0];
    return store.addUser(login ?? "ghost");
  };
  const send = announcer(core);
  const announce = (repo: Repo, as: string | undefined, change: RepositoryAdminChange) =>
    send(repo, admin(repo.owner.login, as), "repository", (ctx) => repositoryAdmin(ctx, repo, change));

  return {
    renameRepository(owner, name, newName, as) {
      const repo = repoOrThrow(owner, name);
      if (store.repo(owner, newName)) throw new Error(`${owner}/${newName} already exists`);
      store.renameRepo(repo, newName);
      announce(repo, as, { action: "renamed", from: name });
    },
    archiveRepository(owner, name, as) {
      const repo = repoOrThrow(owner, name);
      repo.archived = true;
      announce(repo, as, { action: "archived" });
    },
    setDefaultBranch(owner, name, branch, as) {
      const repo = repoOrThrow(owner, name);
      if (!repo.branches.has(branch)) throw new Error(`no branch ${branch} in ${owner}/${name}`);
      const from = repo.defaultBranch;
      repo.defaultBranch = branch;
      announce(repo, as, { action: "default-branch", from });
    },
    deleteRepository(owner, name, as) {
      const repo = repoOrThrow(owner, name);
      store.removeRepo(repo);
      announce(repo, as, { action: "deleted" });
    },
    removeFromInstallation(owner, name, as) {
      const repo = repoOrThrow(owner, name);
      const installation = store.installationFor(repo.owner);
      if (!installation) throw new Error(`the app is not installed on ${owner}`);
      const visible = store.reposOf(repo.owner).filter((r) => store.canSee(installation, r) && r !== repo);
      installation.repositorySelection = "selected";
      installation.repositoryIds = new Set(visible.map((r) => r.id));
      const template = (examples as Example[])
        .find((e) => e.name === "installation_repositories")
        ?.examples.find((e) => e.action === "removed");
      const payload = structuredClone(template) as unknown as InstallationRepositoriesRemovedEvent;
      Object.assign(payload.installation, { id: installation.id, repository_selection: "selected" });
      Object.assign(payload.installation.account, {
        login: repo.owner.login,
        id: repo.owner.id,
        type: "Organization",
      });
      payload.repositories_added = [];
      payload.repositories_removed = [
        {
          id: repo.id,
          node_id: repo.nodeId,
          name: repo.name,
          full_name: `${owner}/${repo.name}`,
          private: repo.visibility !== "public",
        },
      ];
      Object.assign(payload.sender, { login: admin(owner, as).login, id: admin(owner, as).id });
      // Sent to every installation whatever it subscribes to (GitHub does not let apps opt out of it).
      core.webhooks.enqueue("installation_repositories", payload);
    },
  };
}
