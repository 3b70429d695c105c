import { describe, expect, it } from "vitest";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

describe("running twice", () => {
  it("the same delivery twice leaves one mapping and one PR", async () => {
    const repo = h.github.add(fakeRepo());
    const event = repositoryCreated(repo);
    await h.deliver(event, "same-delivery-id");
    await h.deliver(event, "same-delivery-id");

    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
    expect(h.jfrog.mappings.size).toBe(1);
    expect(repo.pulls).toHaveLength(1);
    // The second run only read: policy, one GraphQL query, one mapping GET.
    expect(h.github.writes()).toEqual([
      "POST /repos/Octocoders/Hello-World/git/refs",
      "POST /graphql mutation AddWorkflowFile",
      "POST /repos/Octocoders/Hello-World/pulls",
    ]);
  });

  it("two deliveries arriving together coalesce into one job", async () => {
    const repo = h.github.add(fakeRepo());
    const event = repositoryCreated(repo);
    await Promise.all([h.deliver(event, "a"), h.deliver(event, "b")]);
    expect(h.jfrog.mappings.size).toBe(1);
    expect(repo.pulls).toHaveLength(1);
    expect(h.github.calls().filter((c) => c.includes("ObserveRepository")).length).toBeLessThanOrEqual(2);
  });

  it("finishes a half-done onboarding: a branch left by a failed run is reused", async () => {
    const repo = h.github.add(fakeRepo());
    h.github.failures.set("POST /repos/Octocoders/Hello-World/pulls", 502);
    await h.deliver(repositoryCreated(repo));
    expect(repo.pulls).toEqual([]);
    expect(repo.branches.has("jfrog-oidc/onboarding")).toBe(true);

    await h.deliver(repositoryCreated(repo));
    expect(repo.pulls).toHaveLength(1);
    // No second branch or commit: the branch already held the workflow.
    expect(
      h.github.writes().filter((w) => w.includes("git/refs") || w.includes("AddWorkflowFile")),
    ).toHaveLength(2);
    expect(h.jfrog.mappings.size).toBe(1);
  });
});
