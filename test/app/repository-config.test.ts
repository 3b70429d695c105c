import { describe, expect, it } from "vitest";
import { policyInput } from "../fixtures/policy.js";
import { fakeRepo } from "./fake-github.js";
import { push, repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

const CONFIG = ".github/jfrog-oidc.yml";

describe("a repository's own config", () => {
  it("that tries to widen the scope is refused, reported on a check run, and the org policy applies", async () => {
    seedOrg(h, policyInput({ claims: { ref: ["$default"] } }));
    const repo = h.github.add(
      fakeRepo({
        files: {
          "package.json": "{}",
          [CONFIG]:
            "token:\n  scope: user\n  username: admin\npriority: 1\nclaims:\n  ref: [refs/heads/*]\n  environment: [production]\n",
        },
      }),
    );
    await h.deliver(repositoryCreated(repo));

    const mapping = [...h.jfrog.mappings.values()][0];
    expect(mapping?.priority).toBe(100);
    expect(mapping?.token_spec.scope).toBe('applied-permissions/groups:"ci-readers"');
    expect(mapping?.claims.ref).toBe("refs/heads/master");
    expect(mapping?.claims.environment).toBe("production"); // narrowing is honoured

    expect(repo.checkRuns).toHaveLength(1);
    const check = repo.checkRuns[0];
    expect(check).toMatchObject({
      name: "jfrog-oidc config",
      conclusion: "neutral",
      head_sha: repo.branches.get("master")?.oid,
    });
    expect(check?.output.summary.split("\n")).toEqual([
      "- `Octocoders/Hello-World:.github/jfrog-oidc.yml: token: can only be set in the org policy; the org value applies`",
      "- `Octocoders/Hello-World:.github/jfrog-oidc.yml: priority: can only be set in the org policy; the org value applies`",
      "- `Octocoders/Hello-World:.github/jfrog-oidc.yml: claims.ref: refs/heads/* not allowed by the org policy (allowed: $default); the org value applies`",
    ]);
    const warning = h.logs().find((l) => l.msg === "repository config problems");
    expect(warning?.problems).toHaveLength(3);
    expect(repo.pulls).toHaveLength(1);
  });

  it("that is invalid stops every write for the repository and says which field", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo({ files: { "package.json": "{}", [CONFIG]: "enabled: nope\n" } }));
    await h.deliver(repositoryCreated(repo));

    expect(h.jfrog.writes()).toEqual([]);
    expect(repo.pulls).toEqual([]);
    expect(repo.checkRuns[0]).toMatchObject({ conclusion: "failure" });
    expect(repo.checkRuns[0]?.output.summary).toBe(
      "- `Octocoders/Hello-World:.github/jfrog-oidc.yml: enabled: Invalid input: expected boolean, received string`",
    );
  });

  it("that opts out removes the app's mapping and closes the open PR when pushed", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.mappings.size).toBe(1);

    const head = repo.branches.get("master");
    if (head) head.files[CONFIG] = "enabled: false\n";
    await h.deliver(push(repo, { files: [CONFIG] }));

    expect(h.jfrog.mappings.size).toBe(0);
    expect(repo.pulls[0]?.state).toBe("CLOSED");
    expect(repo.comments[0]?.body).toMatch(/^Closing: the repository opted out/);
  });

  it("never touches a mapping it does not own", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo());
    h.jfrog.mappings.set("gh-o38302899-r186853261", {
      name: "gh-o38302899-r186853261",
      description: "made by hand",
      claims: { repository: "Octocoders/Hello-World" },
      token_spec: { scope: "applied-permissions/admin" },
    });
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.writes()).toEqual([]);
    expect(repo.pulls).toEqual([]);
    expect(h.jfrog.mappings.get("gh-o38302899-r186853261")?.description).toBe("made by hand");
  });
});

describe("the onboarding PR", () => {
  it("closed without merging is not reopened, and the mapping is still kept in shape", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    const pull = repo.pulls[0];
    if (pull) pull.state = "CLOSED";
    h.jfrog.mappings.clear();

    await h.deliver(repositoryCreated(repo));
    expect(repo.pulls).toHaveLength(1);
    expect(h.jfrog.mappings.size).toBe(1);
    const done = h
      .logs()
      .filter((l) => l.msg === "repository reconciled")
      .at(-1);
    expect(String(done?.notes)).toMatch(/declined/);
  });

  it("is not opened when the workflow is already on the default branch", async () => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo({ files: { ".github/workflows/jfrog-oidc.yml": "name: mine\n" } }));
    await h.deliver(repositoryCreated(repo));
    expect(repo.pulls).toEqual([]);
    expect(h.github.writes()).toEqual([]);
  });
});
