/**
 * The bulk observation of an organization against the GitHub emulator (GitHub's real schema, graphql-js): one
 * request per 100 repositories, and for each repository exactly the facts the per-repository query gives.
 */
import { afterEach, describe, expect, it } from "vitest";
import { observeOrganization } from "../../src/github/observe-organization.js";
import { observeRepository } from "../../src/github/observe-repository.js";
import { OPT_OUT_LABEL } from "../../src/github/opt-out-label.js";
import type { RepoFacts } from "../../src/github/repo-facts.js";
import { ONBOARDING_BRANCH, ORG, type OrgEmulator, orgEmulator, WORKFLOW_PATH } from "./org-emulator.js";

let env: OrgEmulator | undefined;
afterEach(async () => {
  await env?.github.close();
  env = undefined;
});

const target = { org: ORG, workflowPath: WORKFLOW_PATH, onboardingBranch: ONBOARDING_BRANCH };

async function collect(pages: AsyncIterable<RepoFacts[]>): Promise<RepoFacts[][]> {
  const all: RepoFacts[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

describe("observeOrganization", () => {
  it("reads 250 repositories in 3 requests, pages of 100, 100 and 50, oldest first", async () => {
    env = await orgEmulator((github) => {
      for (let i = 0; i < 250; i++)
        github.createRepository({ owner: ORG, name: `svc-${i}`, files: { "go.mod": "module x\n" } });
    });
    const before = env.graphqlRequests();
    const pages = await collect(observeOrganization(env.octokit, target));
    expect(env.graphqlRequests() - before).toBe(3);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    const names = pages.flat().map((r) => r.name);
    expect(names).toEqual(Array.from({ length: 250 }, (_, i) => `svc-${i}`));
    // Only the installed org's repositories: `other/secret` is not the app's to see.
    expect(new Set(pages.flat().map((r) => r.owner))).toEqual(new Set([ORG]));
  });

  it("sees a repository created between two pages on a later page, and skips none", async () => {
    env = await orgEmulator((github) => {
      for (let i = 0; i < 150; i++) github.createRepository({ owner: ORG, name: `svc-${i}` });
    });
    const seen: string[] = [];
    for await (const page of observeOrganization(env.octokit, target)) {
      if (seen.length === 0) env.github.createRepository({ owner: ORG, name: "aaa-created-meanwhile" });
      seen.push(...page.map((r) => r.name));
    }
    expect(seen).toHaveLength(151);
    expect(seen.at(-1)).toBe("aaa-created-meanwhile");
  });

  it("yields nothing for an organization without repositories", async () => {
    env = await orgEmulator();
    expect(await collect(observeOrganization(env.octokit, target))).toEqual([]);
  });

  it("reports empty and archived repositories as such", async () => {
    env = await orgEmulator((github) => {
      github.createRepository({ owner: ORG, name: "empty" });
      github.createRepository({ owner: ORG, name: "old", archived: true, files: { "README.md": "x\n" } });
    });
    const [page] = await collect(observeOrganization(env.octokit, target));
    expect(page?.map((r) => [r.name, r.defaultBranch, r.isArchived, r.rootFiles])).toEqual([
      ["empty", null, false, []],
      ["old", { name: "main", oid: expect.any(String) }, true, ["README.md"]],
    ]);
  });

  it("ignores a fork's pull request whose branch is named like the onboarding branch", async () => {
    env = await orgEmulator((github) => {
      github.createRepository({ owner: ORG, name: "web", files: { "package.json": "{}\n" } });
      github.openForkPullRequest(ORG, "web", { head: ONBOARDING_BRANCH, title: "not the app's" }, "mallory");
    });
    const [page] = await collect(observeOrganization(env.octokit, target));
    expect(page?.[0]?.pullRequests).toEqual([]);
  });

  it("says plainly when the organization does not exist", async () => {
    env = await orgEmulator();
    await expect(collect(observeOrganization(env.octokit, { ...target, org: "nope" }))).rejects.toThrow(
      /nope/,
    );
  });
});

describe("parity with observeRepository", () => {
  it("gives the same facts for a repository with files, a branch, PRs (ours and a fork's) and the opt-out label", async () => {
    env = await orgEmulator((github) => {
      github.createRepository({
        owner: ORG,
        name: "api",
        visibility: "internal",
        files: { "pom.xml": "<project/>\n", ".github/jfrog-oidc.yml": "claims:\n  environment: prod\n" },
      });
      github.push({
        owner: ORG,
        repo: "api",
        branch: ONBOARDING_BRANCH,
        files: { [WORKFLOW_PATH]: "on: push\n" },
      });
      github.openForkPullRequest(ORG, "api", { head: ONBOARDING_BRANCH, title: "fork" }, "mallory");
    });
    const { github, octokit } = env;
    // The app's own PR (through the API, as the app opens it) and the opt-out label.
    await octokit.request("POST /repos/{owner}/{repo}/pulls", {
      owner: ORG,
      repo: "api",
      head: ONBOARDING_BRANCH,
      base: "main",
      title: "Add JFrog OIDC",
    });
    await octokit.request("POST /repos/{owner}/{repo}/labels", {
      owner: ORG,
      repo: "api",
      name: OPT_OUT_LABEL,
    });
    const single = await observeRepository(octokit, { owner: ORG, name: "api", ...target });
    const [page] = await collect(observeOrganization(octokit, target));
    expect(page).toEqual([single]);
    expect(single).toMatchObject({
      visibility: "internal",
      rootFiles: [".github", "pom.xml"],
      repoConfigText: "claims:\n  environment: prod\n",
      onboardingBranch: { workflowText: "on: push\n" },
      disabledByCommand: true,
      pullRequests: [{ state: "OPEN", labels: [] }],
    });
    expect(github.repository(ORG, "api").pulls).toHaveLength(2);
  });
});
