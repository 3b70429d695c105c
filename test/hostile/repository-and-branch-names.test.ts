// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
/**
 * Names GitHub hands the app: a default branch whose name cannot go into a workflow is reported on a check run
 * before anything is written (no mapping without its PR); the org's `.github` repository is the policy's home,
 * never a repository config, and onboarded only when the policy says so.
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { fakeRepo } from "../app/fake-github.js";
import { push, repositoryCreated } from "../app/harness.js";
import { type Harness, seedOrg, useHarness } from "../app/world.js";
import { policyInput } from "../fixtures/policy.js";
import { char, expectRefusedWithCheckRun } from "./refused-nock.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

describe("a default branch whose name cannot go into a workflow", () => {
  it.each([
    ["an expression", "main-${{ secrets.JF_TOKEN }}", '"${{"'],
    ["a right-to-left override", `main${char(0x202e)}tset`, "U+202E"],
    ["a bidi isolate", `rel${char(0x2067)}ease`, "U+2067"],
    ["a line separator", `main${char(0x2028)}x`, "U+2028"],
    ["a control character", `main${char(0x1b)}[31m`, "U+001B"],
  ])("holding %s: reported, nothing written", async (_class, branch, detail) => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo({ defaultBranch: branch }));
    await h.deliver(repositoryCreated(repo));
    expectRefusedWithCheckRun(h, repo, ["(workflow): repository.defaultBranch", detail]);
    expect(repo.checkRuns[0]?.output.title).toBe(
      "The JFrog OIDC workflow cannot be generated for this repository: nothing changes until it is fixed",
    );
  });

  it.each([
    ["a glob star (it would widen the ref claim)", "release*", "is not a valid git branch name"],
    ["an opening bracket", "feat[x", "is not a valid git branch name"],
    ["a double dot", "a..b", "is not a valid git branch name"],
  ])("holding %s: reported, nothing written", async (_class, branch, detail) => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo({ defaultBranch: branch }));
    await h.deliver(repositoryCreated(repo));
    expectRefusedWithCheckRun(h, repo, ["(workflow): repository.defaultBranch", detail]);
  });

  it.each([
    ["a leading bang", "!main"],
    ["a plus sign", "v1+build"],
  ])("holding %s is onboarded, the name matching only itself", async (_class, branch) => {
    seedOrg(h);
    const repo = h.github.add(fakeRepo({ defaultBranch: branch }));
    await h.deliver(repositoryCreated(repo));
    expect(repo.pulls).toHaveLength(1);
    expect([...h.jfrog.mappings.values()][0]?.claims.ref).toBe(`refs/heads/${branch}`);
  });
});

describe("the org's .github repository", () => {
  it.each([".github", ".GitHub"])(
    "named %s is not onboarded by default, and its policy file is not read as a repository config",
    async (name) => {
      seedOrg(h, `${stringify(policyInput())}_extends: policies\n`);
      h.github.add(
        fakeRepo({ id: 1001, name: "policies", files: { ".github/jfrog-oidc.yml": "priority: 5\n" } }),
      );
      const dotGithub = h.github.repo("Octocoders", ".github");
      dotGithub.name = name;
      await h.deliver(push(dotGithub, { files: [".github/jfrog-oidc.yml"] }));
      expect(h.jfrog.writes()).toEqual([]);
      expect(h.github.writes()).toEqual([]);
      expect(dotGithub.checkRuns).toEqual([]);
      const done = h.logs().find((l) => l.msg === "repository already as desired");
      expect(String(done?.notes)).toContain("the org's .github repository holds the org policy");
    },
  );

  it("is onboarded when the policy says repositories.dotGithub, still without reading its file as a config", async () => {
    seedOrg(h, policyInput({ repositories: { dotGithub: true }, priority: 3 }));
    const dotGithub = h.github.repo("Octocoders", ".github");
    await h.deliver(push(dotGithub, { files: [".github/jfrog-oidc.yml"] }));
    expect(dotGithub.checkRuns).toEqual([]);
    expect(dotGithub.pulls).toHaveLength(1);
    expect([...h.jfrog.mappings.values()][0]?.priority).toBe(3);
  });
});
