/**
 * Triggers of the rollout that change a repository's place rather than its content: a renamed default branch, and
 * a repository removed from the installation (kept by default, removed when the policy says so).
 */
import type { InstallationRepositoriesEvent, RepositoryEditedEvent } from "@octokit/webhooks-types";
import { describe, expect, it } from "vitest";
import { policyInput } from "../fixtures/policy.js";
import { type FakeRepo, fakeRepo, nextOid } from "./fake-github.js";
import { type Delivery, example, repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

const MAPPING = "gh-o38302899-r186853261";

function defaultBranchRenamed(repo: FakeRepo, from: string): Delivery {
  const created = repositoryCreated(repo).payload;
  const payload = {
    ...created,
    action: "edited",
    changes: { default_branch: { from } },
  } as unknown as RepositoryEditedEvent;
  return { name: "repository", payload };
}

function removedFromInstallation(repo: FakeRepo): Delivery {
  const payload = example<InstallationRepositoriesEvent>(
    "installation_repositories",
    (e) => e.action === "removed",
  );
  Object.assign(payload.installation.account, { login: repo.owner, id: repo.ownerId });
  const [removed] = payload.repositories_removed;
  Object.assign(removed ?? {}, { id: repo.id, name: repo.name, full_name: `${repo.owner}/${repo.name}` });
  payload.repositories_removed = removed ? [removed] : [];
  return { name: "installation_repositories", payload };
}

describe("repository.edited", () => {
  it("with a new default branch moves the mapping's $default ref claim", async () => {
    seedOrg(h, policyInput({ claims: { ref: ["$default"] } }));
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.mappings.get(MAPPING)?.claims.ref).toBe("refs/heads/master");

    const head = repo.branches.get("master");
    if (head) repo.branches.set("main", { oid: nextOid(), files: { ...head.files } });
    repo.defaultBranch = "main";
    await h.deliver(defaultBranchRenamed(repo, "master"));

    expect(h.jfrog.writes().at(-1)).toBe(`PUT /access/api/v1/oidc/github-acme/identity_mappings/${MAPPING}`);
    expect(h.jfrog.mappings.get(MAPPING)?.claims.ref).toBe("refs/heads/main");
  });

  it("without a default-branch change queues nothing", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo());
    const delivery = defaultBranchRenamed(repo, "master");
    (delivery.payload as { changes: object }).changes = { description: { from: "old" } };
    await h.deliver(delivery);
    expect(h.github.calls()).toEqual([]);
    expect(h.logs().map((l) => l.msg)).toContain(
      "repository edit ignored: the default branch did not change",
    );
  });
});

describe("installation_repositories.removed", () => {
  it("keeps the mapping by default (rollout.onUninstall: keep)", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    h.github.repos.delete("octocoders/hello-world");
    await h.deliver(removedFromInstallation(repo));

    expect(h.jfrog.mappings.has(MAPPING)).toBe(true);
    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
    expect(h.logs().map((l) => l.msg)).toContain(
      "repository removed from the installation: its mapping is kept (rollout.onUninstall: keep)",
    );
  });

  it("removes the app's mapping when the policy says rollout.onUninstall: remove", async () => {
    seedOrg(h, policyInput({ rollout: { onUninstall: "remove" } }));
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    h.github.repos.delete("octocoders/hello-world");
    await h.deliver(removedFromInstallation(repo));

    expect(h.jfrog.mappings.has(MAPPING)).toBe(false);
    expect(h.jfrog.writes().at(-1)).toBe(
      `DELETE /access/api/v1/oidc/github-acme/identity_mappings/${MAPPING}`,
    );
  });
});
