import { describe, expect, it } from "vitest";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { retryDelaysMs: [30_000] },
);

describe("when JFrog fails", () => {
  it("a 500 then 201 on the mapping create gives one mapping and the PR after it", async () => {
    const repo = h.github.add(fakeRepo());
    const createMapping = "POST /access/api/v1/oidc/github-acme/identity_mappings";
    h.jfrog.failNext(createMapping, 500);
    await h.deliver(repositoryCreated(repo));

    expect(h.jfrog.writes()).toEqual([createMapping, createMapping]);
    expect(h.jfrog.mappings.size).toBe(1);
    expect(repo.pulls).toHaveLength(1);
  });

  it("a JFrog outage opens no PR; the job is retried later and then completes", async () => {
    const repo = h.github.add(fakeRepo());
    h.jfrog.outage = { status: 503, remaining: 3 }; // every attempt of the first run
    await h.deliver(repositoryCreated(repo));

    expect(h.jfrog.mappings.size).toBe(0);
    expect(h.github.writes()).toEqual([]);
    expect(h.pendingRetries()).toBe(1);
    const warning = h.logs().find((l) => l.msg === "job failed; retrying");
    expect(warning?.err).toMatch(/^JFrog .*503/);

    await h.fireRetries();
    expect(h.jfrog.mappings.size).toBe(1);
    expect(repo.pulls).toHaveLength(1);
    expect(h.composed.failures.list()).toEqual([]);
  });

  it("a JFrog that stays down is reported at error level and recorded once retries run out, and nothing is half-written", async () => {
    const repo = h.github.add(fakeRepo());
    h.jfrog.outage = { status: 503, remaining: 1000 };
    await h.deliver(repositoryCreated(repo));
    await h.fireRetries();

    expect(h.pendingRetries()).toBe(0);
    expect(h.github.writes()).toEqual([]);
    expect(repo.branches.has("jfrog-oidc/onboarding")).toBe(false);
    const error = h.logs().find((l) => l.level === 50);
    expect(error?.msg).toBe("job failed and is given up; the next sweep picks the repository up again");
    expect(error?.job).toBe(`repo:${repo.ownerId}/${repo.id}`);
    expect(error?.repository).toBe("Octocoders/Hello-World");
    // Recorded where the dashboard reads failures: which repository, and why.
    expect(h.composed.failures.list()).toEqual([
      expect.objectContaining({
        job: expect.objectContaining({
          kind: "reconcile",
          repository: expect.objectContaining({ repoId: repo.id }),
        }),
        error: expect.stringMatching(/^JFrog .*503/),
      }),
    ]);
  });
});
