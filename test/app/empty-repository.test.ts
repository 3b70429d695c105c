import { describe, expect, it } from "vitest";
import { fakeRepo, nextOid } from "./fake-github.js";
import { push, repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

describe("an empty repository", () => {
  it("gets its mapping at once and its PR on the first push to the default branch", async () => {
    const repo = h.github.add(fakeRepo({ files: null, defaultBranch: "main" }));
    await h.deliver(repositoryCreated(repo));

    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
    expect(h.github.writes()).toEqual([]);
    expect(repo.pulls).toEqual([]);

    // The first push creates the default branch.
    repo.branches.set("main", { oid: nextOid(), files: { "go.mod": "module x\n" } });
    await h.deliver(push(repo, { created: true }));

    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
    expect(repo.pulls).toHaveLength(1);
    expect(repo.branches.get("jfrog-oidc/onboarding")?.files[".github/workflows/jfrog-oidc.yml"]).toContain(
      "jf go",
    );
  });

  it("ignores pushes to other branches and pushes that do not touch its config", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(push(repo, { ref: "refs/heads/feature", created: true }));
    await h.deliver(push(repo, { files: ["src/index.ts"] }));
    expect(h.github.calls()).toEqual([]);
    expect(h.jfrog.requests).toEqual([]);
  });
});
