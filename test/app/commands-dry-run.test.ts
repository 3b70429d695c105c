import { describe, expect, it } from "vitest";
import { issueComment, replies } from "./comments.js";
import { fakeRepo } from "./fake-github.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { dryRun: true },
);

describe("commands under DRY_RUN=true", () => {
  it("setup says what it would do and writes nothing but its reaction and reply", async () => {
    const repo = h.github.add(fakeRepo({ collaborators: { lead: "maintain" } }));
    await h.deliver(issueComment(repo, "/jfrog-oidc setup", { login: "lead", commentId: 8 }));

    expect(h.jfrog.writes()).toEqual([]);
    expect(h.github.writes()).toEqual([
      "POST /repos/Octocoders/Hello-World/issues/comments/8/reactions",
      "POST /repos/Octocoders/Hello-World/issues/7/comments",
    ]);
    expect(replies(repo)[0]).toContain("The app runs with `DRY_RUN`: nothing was written. It would:");
  });

  it("status says the app writes nothing anywhere", async () => {
    const repo = h.github.add(fakeRepo({ collaborators: { lead: "maintain" } }));
    await h.deliver(issueComment(repo, "/jfrog-oidc status", { login: "lead" }));
    expect(replies(repo)[0]).toContain("_The app runs with `DRY_RUN`: it writes nothing anywhere._");
  });
});
