import { describe, expect, it } from "vitest";
import { policyInput } from "../fixtures/policy.js";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false, retryDelaysMs: [30_000] },
);

describe("the onboarding PR's labels and reviewers", () => {
  it("are finished by the retry when GitHub failed right after the PR was opened", async () => {
    seedOrg(h, policyInput({ pullRequest: { labels: ["jfrog-oidc"], reviewers: ["mona"] } }));
    const repo = h.github.add(fakeRepo());
    h.github.failures.set("POST /repos/Octocoders/Hello-World/pulls/1/requested_reviewers", 502);
    await h.deliver(repositoryCreated(repo));
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]?.requestedReviewers).toEqual([]);
    expect(h.pendingRetries()).toBe(1);

    await h.fireRetries();
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]?.labels).toEqual(["jfrog-oidc"]);
    expect(repo.pulls[0]?.requestedReviewers).toEqual(["mona"]);
    // The retry only decorated: no second branch, commit or PR.
    expect(h.github.writes().filter((w) => /git\/refs|AddWorkflowFile|\/pulls$/.test(w))).toHaveLength(3);
  });
});
