import { describe, expect, it } from "vitest";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { retryDelaysMs: [1] },
);

const INTEGRATION_READ = "GET /access/api/v1/oidc/github-acme";

describe("the integration a PR relies on", () => {
  it("is read again for a job asked for after it was verified: a changed audience stops the next PR", async () => {
    await h.deliver(repositoryCreated(h.github.add(fakeRepo({ id: 1, name: "first" }))));
    h.jfrog.withIntegration({ audience: "changed-by-an-admin" });

    const second = h.github.add(fakeRepo({ id: 2, name: "second" }));
    await h.deliver(repositoryCreated(second));

    expect(second.pulls).toEqual([]);
    expect(h.jfrog.mappings.size).toBe(1);
    expect(h.github.repo("Octocoders", ".github").checkRuns[0]?.output.summary).toContain(
      'has audience "changed-by-an-admin", the policy says "jfrog-github"',
    );
  });

  it("is read again when JFrog refuses a mapping write", async () => {
    const repo = h.github.add(fakeRepo());
    h.jfrog.failNext("POST /access/api/v1/oidc/github-acme/identity_mappings", 400);
    await h.deliver(repositoryCreated(repo));
    const reads = () => h.jfrog.requests.filter((r) => `${r.method} ${r.path}` === INTEGRATION_READ).length;
    expect(reads()).toBe(1);

    await h.fireRetries();
    expect(reads()).toBe(2);
    expect(repo.pulls).toHaveLength(1);
  });
});
