import { describe, expect, it } from "vitest";
import { issueComment, maintainedRepo, replies } from "./comments.js";
import { fakeRepo } from "./fake-github.js";
import { push, repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { retryDelaysMs: [1000] },
);

const MAPPING = "gh-o38302899-r186853261";
const MAPPINGS = "/access/api/v1/oidc/github-acme/identity_mappings";
const LABEL = "jfrog-oidc: disabled";

async function onboarded() {
  const repo = h.github.add(fakeRepo({ collaborators: { maintainer: "maintain", admin: "admin" } }));
  await h.deliver(repositoryCreated(repo));
  return repo;
}

describe("/jfrog-oidc sync", () => {
  it("opens the onboarding PR again after a decline and says what changed", async () => {
    const repo = await onboarded();
    const declined = repo.pulls[0];
    if (declined) declined.state = "CLOSED";
    await h.deliver(issueComment(repo, "/jfrog-oidc sync"));

    expect(repo.pulls.map((p) => p.state)).toEqual(["CLOSED", "OPEN"]);
    expect(replies(repo).at(-1)).toBe(
      [
        "#### `/jfrog-oidc sync`",
        "",
        "Done:",
        "",
        "- ✅ open the onboarding PR adding `.github/workflows/jfrog-oidc.yml` (branch `jfrog-oidc/onboarding`)",
      ].join("\n"),
    );
  });

  it("corrects a drifted mapping and shows the drift", async () => {
    const repo = await onboarded();
    const mapping = h.jfrog.mappings.get(MAPPING);
    if (mapping)
      h.jfrog.mappings.set(MAPPING, { ...mapping, claims: { ...mapping.claims, repository: "x/y" } });
    await h.deliver(issueComment(repo, "/jfrog-oidc sync"));

    expect(h.jfrog.mappings.get(MAPPING)?.claims.repository).toBe("Octocoders/Hello-World");
    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain(
      `- ✅ correct the JFrog identity mapping \`${MAPPING}\` (1 field differs from the org policy)`,
    );
    expect(reply).toContain('- `claims.repository: "x/y" → "Octocoders/Hello-World"`');
  });

  it("respects a recorded opt-out: only setup lifts it", async () => {
    const repo = await onboarded();
    repo.labels.push({ name: LABEL });
    await h.deliver(issueComment(repo, "/jfrog-oidc sync"));
    expect(repo.labels).toEqual([{ name: LABEL }]);
    expect(replies(repo).at(-1)).toContain(
      "out of scope: the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again",
    );
  });
});

describe("/jfrog-oidc disable", () => {
  it("records the opt-out first, then removes the mapping and closes the PR", async () => {
    const repo = await onboarded();
    const before = h.timeline.length;
    await h.deliver(issueComment(repo, "/jfrog-oidc disable", { login: "admin", commentId: 31 }));

    expect(repo.labels).toMatchObject([
      { name: LABEL, description: expect.stringContaining("/jfrog-oidc setup") },
    ]);
    expect(h.jfrog.mappings.size).toBe(0);
    expect(repo.pulls[0]?.state).toBe("CLOSED");
    expect(h.timeline.slice(before).filter((t) => !t.includes("GET") && !t.includes("graphql"))).toEqual([
      "github POST /repos/Octocoders/Hello-World/issues/comments/31/reactions",
      "github POST /repos/Octocoders/Hello-World/labels",
      `jfrog DELETE ${MAPPINGS}/${MAPPING}`,
      "github POST /repos/Octocoders/Hello-World/issues/1/comments",
      "github PATCH /repos/Octocoders/Hello-World/pulls/1",
      "github POST /repos/Octocoders/Hello-World/issues/7/comments",
    ]);
    expect(replies(repo).at(-1)).toBe(
      [
        "#### `/jfrog-oidc disable`",
        "",
        "Done:",
        "",
        "- ✅ record the opt-out (repository label `jfrog-oidc: disabled`)",
        `- ✅ delete this app's JFrog identity mapping \`${MAPPING}\``,
        "- ✅ close onboarding PR #1",
        "",
        "- out of scope: the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again",
        "",
        "Nothing is re-created until someone comments `/jfrog-oidc setup`.",
      ].join("\n"),
    );
  });

  it("holds across later events until setup, which brings everything back", async () => {
    const repo = await onboarded();
    await h.deliver(issueComment(repo, "/jfrog-oidc disable"));
    await h.deliver(push(repo, { files: [".github/jfrog-oidc.yml"] }));
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.mappings.size).toBe(0);
    expect(repo.pulls.filter((p) => p.state === "OPEN")).toEqual([]);

    await h.deliver(issueComment(repo, "/jfrog-oidc setup"));
    expect(repo.labels).toEqual([]);
    expect(h.jfrog.mappings.has(MAPPING)).toBe(true);
    expect(repo.pulls.map((p) => p.state)).toEqual(["CLOSED", "OPEN"]);
    expect(replies(repo).at(-1)).toContain(
      [
        `- ✅ create the JFrog identity mapping \`${MAPPING}\``,
        "- ✅ lift the opt-out (remove the repository label `jfrog-oidc: disabled`)",
        "- ✅ open the onboarding PR adding",
      ].join("\n"),
    );
  });

  it("warns that a merged workflow stays and can no longer sign in", async () => {
    const repo = await onboarded();
    h.github.merge(repo, 1);
    await h.deliver(issueComment(repo, "/jfrog-oidc disable"));
    expect(replies(repo).at(-1)).toContain(
      "`.github/workflows/jfrog-oidc.yml` stays on the default branch: without the mapping its JFrog sign-in now fails",
    );
  });

  it("finishes on its own when JFrog fails after the opt-out was recorded", async () => {
    const repo = await onboarded();
    // Three attempts by the command, three by the background run it hands over to; the retry after that succeeds.
    h.jfrog.failNext(`DELETE ${MAPPINGS}/${MAPPING}`, 503, 6);
    await h.deliver(issueComment(repo, "/jfrog-oidc disable"));

    expect(repo.labels.map((l) => l.name)).toEqual([LABEL]);
    expect(h.jfrog.mappings.size).toBe(1);
    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain("❌ **Failed:** JFrog is unavailable (HTTP 503).");
    expect(reply).toContain("Done before the failure:\n- record the opt-out");
    expect(reply).toContain(
      "**What to do:** nothing: the opt-out is recorded and the app finishes the rest on its own",
    );
    expect(reply).toMatch(/under delivery `delivery-\d+`/);

    await h.fireRetries();
    expect(h.jfrog.mappings.size).toBe(0);
    expect(repo.pulls[0]?.state).toBe("CLOSED");
  });
});

describe("/jfrog-oidc setup", () => {
  it("writes no PR when JFrog is down, and says what to do", async () => {
    const repo = maintainedRepo(h.github);
    h.jfrog.failNext(`POST ${MAPPINGS}`, 503, 3);
    await h.deliver(issueComment(repo, "/jfrog-oidc setup"));

    expect(repo.pulls).toEqual([]);
    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain("❌ **Failed:** JFrog is unavailable (HTTP 503).");
    expect(reply).toContain("**What to do:** try again in a few minutes, then run the command again.");
    expect(reply).not.toContain("Done before the failure");
    expect(h.pendingRetries()).toBe(0);
  });
});
