// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
/**
 * Names GitHub hands the app: a default branch whose name cannot go into a workflow is reported on a check run
 * before anything is written (no mapping without its PR); the org's `.github` repository is the policy's home,
 * never a repository config, and onboarded only when the policy says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { World, WorldOptions } from "../../src/sandbox/world.js";
import { mappingsFor, testWorld } from "../e2e/helpers.js";
import { policyInput } from "../fixtures/policy.js";
import { char, expectRefusedWithCheckRun, logged, refusalMark, writesSince } from "./refused.js";

describe("a default branch", () => {
  let world: World;
  /** The world starts real HTTP servers: give it the e2e project's time under load. */
  beforeAll(async () => {
    world = await testWorld({ policy: policyInput() });
  }, 30_000);
  afterAll(() => world.close());

  let repositories = 0;
  /** A new repository (`repository.created`) whose default branch is `branch`. */
  async function createdOn(branch: string) {
    const name = `named-${++repositories}`;
    const mark = refusalMark(world, name);
    world.github.createRepository({
      owner: "acme",
      name,
      defaultBranch: branch,
      files: { "README.md": "# app\n", "package.json": "{}\n" },
    });
    await world.settle();
    return { mark, repo: () => world.github.repository("acme", name) };
  }

  describe("whose name cannot go into a workflow", () => {
    it.each([
      ["an expression", "main-${{ secrets.JF_TOKEN }}", '"${{"'],
      ["a right-to-left override", `main${char(0x202e)}tset`, "U+202E"],
      ["a bidi isolate", `rel${char(0x2067)}ease`, "U+2067"],
      ["a line separator", `main${char(0x2028)}x`, "U+2028"],
      ["a control character", `main${char(0x1b)}[31m`, "U+001B"],
    ])("holding %s: reported, nothing written", async (_class, branch, detail) => {
      const { mark } = await createdOn(branch);
      const check = expectRefusedWithCheckRun(world, mark, ["(workflow): repository.defaultBranch", detail]);
      expect(check.title).toBe(
        "The JFrog OIDC workflow cannot be generated for this repository: nothing changes until it is fixed",
      );
    });

    it.each([
      ["a glob star (it would widen the ref claim)", "release*", "is not a valid git branch name"],
      ["an opening bracket", "feat[x", "is not a valid git branch name"],
      ["a double dot", "a..b", "is not a valid git branch name"],
    ])("holding %s: reported, nothing written", async (_class, branch, detail) => {
      const { mark } = await createdOn(branch);
      expectRefusedWithCheckRun(world, mark, ["(workflow): repository.defaultBranch", detail]);
    });
  });

  it.each([
    ["a leading bang", "!main"],
    ["a plus sign", "v1+build"],
  ])("holding %s is onboarded, the name matching only itself", async (_class, branch) => {
    const { repo } = await createdOn(branch);
    expect(repo().pulls).toHaveLength(1);
    expect(mappingsFor(world, repo()).map((m) => m.claims.ref)).toEqual([`refs/heads/${branch}`]);
  });
});

describe("the org's .github repository", () => {
  let world: World | undefined;
  afterAll(() => world?.close());

  /** A world whose `.github` repository is spelled `name`; a person then pushes `policy` to it. */
  async function pushPolicy(policy: string, options: WorldOptions = {}) {
    await world?.close();
    world = await testWorld({ policy: policyInput(), ...options });
    const current = world;
    current.github.createRepository({
      owner: "acme",
      name: "policies",
      files: { ".github/jfrog-oidc.yml": "priority: 5\n" },
      announce: false,
    });
    const mark = refusalMark(current, options.dotGithubName ?? ".github");
    current.github.push({
      owner: "acme",
      repo: ".github",
      files: { ".github/jfrog-oidc.yml": policy },
      message: "Update the org policy",
    });
    await current.settle();
    return { world: current, mark, dotGithub: () => current.github.repository("acme", ".github") };
  }

  it.each([".github", ".GitHub"])(
    "named %s is not onboarded by default, and its policy file is not read as a repository config",
    async (name) => {
      const { world, mark, dotGithub } = await pushPolicy(`${stringify(policyInput())}_extends: policies\n`, {
        dotGithubName: name,
      });
      expect(dotGithub().fullName).toBe(`acme/${name}`);
      // The org scan the policy push starts opens the rollout dashboard there; nothing else is written.
      expect(writesSince(world, mark)).toEqual({ github: ["POST /repos/acme/.github/issues"], jfrog: [] });
      expect(dotGithub().issues.map((i) => i.author)).toEqual(["jfrog-oidc-rollout[bot]"]);
      expect(dotGithub().pulls).toEqual([]);
      expect(dotGithub().checkRuns).toEqual([]);
      const done = logged(world, mark, "repository already as desired");
      expect(done.map((l) => String(l.notes))).toContainEqual(
        expect.stringContaining("the org's .github repository holds the org policy"),
      );
    },
    30_000,
  );

  it("is onboarded when the policy says repositories.dotGithub, still without reading its file as a config", async () => {
    const { world, dotGithub } = await pushPolicy(
      stringify(policyInput({ repositories: { dotGithub: true }, priority: 3 })),
    );
    expect(dotGithub().checkRuns).toEqual([]);
    expect(dotGithub().pulls).toHaveLength(1);
    expect(mappingsFor(world, dotGithub()).map((m) => m.priority)).toEqual([3]);
  }, 30_000);
});
