/**
 * Policy changes, previewed: pull requests that change the org policy (or a base it extends) or a repository's own
 * `.github/jfrog-oidc.yml` get a check run with the dry-run plan, against the emulators, driven only by webhooks.
 * The org has `billing`, `search` and `docs` (excluded by the world's policy) besides `.github`; no repository is
 * onboarded yet, since the policy does not consent to onboard existing repositories.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { requestMark, requestsSince, testWorld } from "./helpers.js";

const POLICY = ".github/jfrog-oidc.yml";
const BASE = "policies/base.yml";
const CHECK = "jfrog-oidc policy preview";

let world: World;
beforeAll(async () => {
  world = await testWorld({
    existingRepositories: [{ name: "billing" }, { name: "search" }, { name: "docs" }],
  });
  // The applied policy takes its token from a base file in the same repository.
  const { token, ...rest } = defaultPolicy();
  world.github.push({
    owner: "acme",
    repo: ".github",
    files: { [POLICY]: stringify({ _extends: `.github:${BASE}`, ...rest }), [BASE]: stringify({ token }) },
    as: "octocat",
  });
  await world.settle();
});
afterAll(() => world.close());

/** A person's PR with these files; returns the preview check runs on its head and what the app asked for. */
async function pullRequest(repo: string, branch: string, files: Record<string, string | null>) {
  const headSha = world.github.push({ owner: "acme", repo, branch, files, as: "octocat" });
  const mark = requestMark(world);
  const before = contentRequests();
  world.github.openPullRequest("acme", repo, { head: branch, title: `Change ${branch}` }, "octocat");
  await world.settle();
  const runs = world.github.repository("acme", repo).checkRuns.filter((r) => r.headSha === headSha);
  const { github, jfrog } = requestsSince(world, mark);
  return {
    runs: runs.filter((r) => r.name === CHECK),
    all: runs,
    // Every write the app made to GitHub (REST, and GraphQL mutations by the emulator's count), and to JFrog.
    writes: {
      github: github.filter((r) => !r.startsWith("GET ") && !r.endsWith("/graphql")),
      githubContent: contentRequests() - before,
      jfrog: jfrog.filter((r) => !r.startsWith("GET ")),
    },
  };
}

function contentRequests(): number {
  return Object.values(world.github.usage()).reduce((sum, u) => sum + u.contentRequests, 0);
}

/** The check run's table as `label → [with PR, base, change]`. */
function totals(summary: string | undefined): Record<string, string[]> {
  const rows = (summary ?? "").split("\n").filter((l) => /^\| [A-Z]/.test(l));
  return Object.fromEntries(
    rows.map((l) => {
      const [label = "", ...cells] = l.slice(2, -2).split(" | ");
      return [label, cells];
    }),
  );
}

describe("a pull request that changes the org policy", () => {
  it("gets the org's dry-run plan: totals, first rows, scope changes against the base; only the check run is written", async () => {
    const policy = { ...defaultPolicy(), repositories: { exclude: ["search"] } };
    const { token: _token, ...rest } = policy;
    const { runs, all, writes } = await pullRequest(".github", "scope", {
      [POLICY]: stringify({ _extends: `.github:${BASE}`, ...rest }),
    });
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({
      conclusion: "success",
      title: "4 repositories: 1 entering scope, 1 leaving; mappings +2 ~0 -0; PRs +2 ~0 -0",
    });
    expect(totals(run?.summary)).toEqual({
      "Mappings to create": ["2", "2", "0"],
      "Mappings to update": ["0", "0", "0"],
      "Mappings to remove": ["0", "0", "0"],
      "Onboarding PRs to open": ["2", "2", "0"],
      "Onboarding PRs to refresh": ["0", "0", "0"],
      "Onboarding PRs to close": ["0", "0", "0"],
      "Repositories entering scope": ["1", "", ""],
      "Repositories leaving scope": ["1", "", ""],
      "Repositories blocked (need a person)": ["0", "0", "0"],
    });
    expect(run?.summary).toContain("rollout.existing is false");
    expect(run?.text).toContain(
      "### Repositories entering scope: 1\n\n- `acme/docs`: `out of scope: the repository matches the exclude pattern 'docs'`",
    );
    expect(run?.text).toContain(
      "### Repositories leaving scope: 1\n\n- `acme/search`: `out of scope: the repository matches the exclude pattern 'search'`",
    );
    expect(run?.text).toMatch(
      /### Mappings to create: 2\n\n- `acme\/billing`: `mapping gh-o\d+-r\d+`\n- `acme\/docs`/,
    );
    // Nothing but check runs written (the workflow audit writes none: no workflow changed); JFrog only read.
    expect(writes).toEqual({
      github: ["POST /repos/acme/.github/check-runs"],
      githubContent: 1,
      jfrog: [],
    });
    expect(all).toHaveLength(1);
  });

  it("when invalid fails the check, each problem annotated on its line, in the org file or the base it changes", async () => {
    const { runs } = await pullRequest(".github", "broken", {
      [POLICY]: stringify({
        _extends: `.github:${BASE}`,
        provider: { name: "Bad_Name", audience: "jfrog-github" },
        claims: { ref: ["$default"] },
      }),
      [BASE]:
        "# the token every repository gets\ntoken:\n  scope: groups\n  groups: [ci-readers]\n  expiresIn: 5\n",
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      conclusion: "failure",
      title: "The org policy in this pull request is invalid",
    });
    expect(runs[0]?.annotations.map((a) => [a.path, a.line, a.level, a.title])).toEqual([
      [POLICY, 3, "failure", "provider.name"],
      [BASE, 5, "failure", "token.expiresIn"],
    ]);
    expect(runs[0]?.summary).toContain("the app would write nothing in `acme` until the policy is fixed");
  });

  it("when it is not YAML fails the check, annotated on the line the parser names", async () => {
    const { runs } = await pullRequest(".github", "not-yaml", {
      [POLICY]: "provider:\n  name: github-acme\n  audience: jfrog-github\nclaims: ref: [$default]\n",
    });
    expect(runs.map((r) => [r.conclusion, r.annotations.map((a) => [a.path, a.line, a.title])])).toEqual([
      ["failure", [[POLICY, 4, "(file)"]]],
    ]);
    expect(runs[0]?.summary).toContain("invalid YAML: Nested mappings are not allowed in compact mappings");
  });

  it("previews a change to a base the policy extends from the same repository", async () => {
    const { runs } = await pullRequest(".github", "longer-tokens", {
      [BASE]: stringify({ token: { ...defaultPolicy().token, expiresIn: 1800 } }),
    });
    expect(runs.map((r) => [r.conclusion, r.title])).toEqual([
      ["success", "4 repositories: 0 entering scope, 0 leaving; mappings +2 ~0 -0; PRs +2 ~0 -0"],
    ]);
  });

  it("fails when the JFrog integration does not match the PR's policy: once merged, nothing would be written", async () => {
    const { token: _token, ...rest } = defaultPolicy();
    const { runs, writes } = await pullRequest(".github", "audience", {
      [POLICY]: stringify({
        _extends: `.github:${BASE}`,
        ...rest,
        provider: { name: "github-acme", audience: "another-audience" },
      }),
    });
    expect(runs.map((r) => [r.conclusion, r.title])).toEqual([
      ["failure", "The JFrog integration does not match this policy"],
    ]);
    expect(runs[0]?.annotations.map((a) => [a.path, a.line, a.title])).toEqual([[POLICY, 2, "provider"]]);
    expect(runs[0]?.summary).toContain('has audience "jfrog-github", the policy says "another-audience"');
    expect(writes.jfrog).toEqual([]);
  });

  it("shows the JFrog integration a new managed provider would create, as the org's first action, creating nothing", async () => {
    const { token: _token, ...rest } = defaultPolicy();
    const { runs, writes } = await pullRequest(".github", "new-provider", {
      [POLICY]: stringify({
        _extends: `.github:${BASE}`,
        ...rest,
        provider: { name: "github-acme-v2", audience: "jfrog-github", manage: "create" },
      }),
    });
    expect(runs.map((r) => r.conclusion)).toEqual(["success"]);
    expect(runs[0]?.summary).toContain(
      'once merged, the app would first create the JFrog OIDC integration "github-acme-v2" (provider type GitHub, ' +
        "issuer https://token.actions.githubusercontent.com, audience jfrog-github, organization acme)",
    );
    expect(writes.jfrog).toEqual([]);
    expect(world.jfrog.state.integrations.map((i) => i.name)).toEqual(["github-acme"]);
  });

  it("says when the policy moves the org's workflows to another integration that exists and matches", async () => {
    const made = await fetch(`${world.jfrog.url}/access/api/v1/oidc`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.jfrogAdminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "github-acme-b",
        issuer_url: "https://token.actions.githubusercontent.com",
        provider_type: "GitHub",
        audience: "jfrog-b",
        organization: "acme",
      }),
    });
    expect(made.status).toBe(201);
    const { token: _token, ...rest } = defaultPolicy();
    const { runs, writes } = await pullRequest(".github", "other-provider", {
      [POLICY]: stringify({
        _extends: `.github:${BASE}`,
        ...rest,
        provider: { name: "github-acme-b", audience: "jfrog-b" },
      }),
    });
    expect(runs[0]?.summary).toContain(
      'the org\'s workflows would use the JFrog OIDC integration "github-acme-b" (it exists and matches this policy) ' +
        'with audience jfrog-b, instead of "github-acme" with audience jfrog-github',
    );
    expect(writes.jfrog).toEqual([]);
  });

  it("observes the org once more when the PR changes what the observation reads (the onboarding branch)", async () => {
    const { token: _token, ...rest } = defaultPolicy();
    const graphql = () => world.github.requests.filter((r) => r.path.endsWith("/graphql")).length;
    const before = graphql();
    const { runs } = await pullRequest(".github", "branch", {
      [POLICY]: stringify({
        _extends: `.github:${BASE}`,
        ...rest,
        pullRequest: { ...rest.pullRequest, branch: "jfrog/oidc" },
      }),
    });
    expect(runs.map((r) => r.title)).toEqual([
      "4 repositories: 0 entering scope, 0 leaving; mappings +2 ~0 -0; PRs +2 ~0 -0",
    ]);
    // One page of 4 repositories for the base's policy, one for the head's.
    expect(graphql() - before).toBe(2);
  });

  it("says plainly what removing the policy does", async () => {
    const { runs } = await pullRequest(".github", "remove", { [POLICY]: null });
    expect(runs.map((r) => [r.conclusion, r.title])).toEqual([
      ["neutral", "This pull request removes the org policy"],
    ]);
    expect(runs[0]?.summary).toContain("the app does nothing more in `acme`");
  });

  it("a pull request that changes no policy file gets no preview", async () => {
    const { runs, writes } = await pullRequest(".github", "readme", { "README.md": "# acme, again\n" });
    expect(runs).toEqual([]);
    expect(writes).toEqual({ github: [], githubContent: 0, jfrog: [] });
  });
});

describe("a pull request that changes a repository's own .github/jfrog-oidc.yml", () => {
  it("gets that repository's plan; a refused widening is a warning on its line", async () => {
    const { runs, writes } = await pullRequest("billing", "own-config", {
      [POLICY]:
        "# billing's own settings\nclaims:\n  ref: [refs/heads/release]\ntoken:\n  expiresIn: 86400\n",
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      conclusion: "neutral",
      title: "1 repository: 0 entering scope, 0 leaving; mappings +1 ~0 -0; PRs +1 ~0 -0",
    });
    expect(runs[0]?.annotations.map((a) => [a.path, a.line, a.level, a.title])).toEqual([
      [POLICY, 4, "warning", "token"],
      [POLICY, 3, "warning", "claims.ref"],
    ]);
    expect(writes).toEqual({ github: ["POST /repos/acme/billing/check-runs"], githubContent: 1, jfrog: [] });
  });

  it("an opt-out shows the repository leaving scope", async () => {
    const { runs } = await pullRequest("search", "opt-out", { [POLICY]: "enabled: false\n" });
    expect(runs.map((r) => r.title)).toEqual([
      "1 repository: 0 entering scope, 1 leaving; mappings +0 ~0 -0; PRs +0 ~0 -0",
    ]);
    expect(runs[0]?.text).toContain("- `acme/search`: `out of scope: the repository opted out");
  });
});
