import type { RepositoryEvent } from "@octokit/webhooks-types";
import { describe, expect, it } from "vitest";
import { fakeRepo } from "./fake-github.js";
import { type Delivery, repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

/** GitHub's `repository.created` example turned into another lifecycle action (same payload shape). */
function lifecycle(created: Delivery, action: RepositoryEvent["action"], extra: object = {}): Delivery {
  return { name: "repository", payload: { ...created.payload, ...extra, action } as never };
}

const MAPPING = "gh-o38302899-r186853261";

describe("repository lifecycle", () => {
  it("renamed: the mapping keeps its name and follows the new repository name", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    h.github.repos.delete("octocoders/hello-world");
    repo.name = "Renamed";
    h.github.add(repo);
    await h.deliver(lifecycle(repositoryCreated(repo), "renamed"));

    expect(h.jfrog.writes()).toEqual([
      "POST /access/api/v1/oidc/github-acme/identity_mappings",
      `PUT /access/api/v1/oidc/github-acme/identity_mappings/${MAPPING}`,
    ]);
    expect(h.jfrog.mappings.get(MAPPING)?.claims.repository).toBe("Octocoders/Renamed");
  });

  it("deleted: the app's mapping is removed", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    h.github.repos.delete("octocoders/hello-world");
    await h.deliver(lifecycle(repositoryCreated(repo), "deleted"));
    expect(h.jfrog.mappings.size).toBe(0);
    expect(h.jfrog.writes().at(-1)).toBe(
      `DELETE /access/api/v1/oidc/github-acme/identity_mappings/${MAPPING}`,
    );
  });

  it("deleted and re-created under the same name: the old mapping goes, the newcomer is not admitted by it", async () => {
    const old = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(old));
    h.github.repos.delete("octocoders/hello-world");
    const newcomer = h.github.add(fakeRepo({ id: 999 }));
    await h.deliver(lifecycle(repositoryCreated(old), "deleted"));
    expect(h.jfrog.mappings.has(MAPPING)).toBe(false);
    expect(newcomer.pulls).toEqual([]);
  });

  it("archived: the mapping is removed and the read-only PR is left alone", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    repo.isArchived = true;
    await h.deliver(lifecycle(repositoryCreated(repo), "archived"));
    expect(h.jfrog.mappings.size).toBe(0);
    expect(repo.pulls[0]?.state).toBe("OPEN");
    expect(h.github.writes().filter((w) => w.startsWith("PATCH"))).toEqual([]);
  });

  it("a hand-made mapping is never deleted, even when its repository is", async () => {
    const repo = h.github.add(fakeRepo());
    h.jfrog.mappings.set(MAPPING, { name: MAPPING, description: "by hand", claims: {}, token_spec: {} });
    h.github.repos.delete("octocoders/hello-world");
    await h.deliver(lifecycle(repositoryCreated(repo), "deleted"));
    expect(h.jfrog.writes()).toEqual([]);
    expect(h.jfrog.mappings.has(MAPPING)).toBe(true);
  });
});
