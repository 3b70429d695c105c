import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated, SECRETS } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

describe("a created repository", () => {
  it("gets a mapping pinned to its immutable ids, then one PR adding only the workflow", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));

    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
    expect(h.jfrog.requests.find((r) => r.method === "POST")?.body).toEqual({
      name: "gh-o38302899-r186853261",
      description:
        "[jfrog-oidc-rollout] GitHub Actions of Octocoders/Hello-World (repository id 186853261); managed by the jfrog-oidc-rollout app, manual edits are reverted",
      priority: 100,
      provider_name: "github-acme",
      claims: {
        iss: "https://token.actions.githubusercontent.com",
        repository_id: "186853261",
        repository_owner_id: "38302899",
        repository: "Octocoders/Hello-World",
        // No claims in the policy: only the default branch, where the generated workflow runs.
        ref: "refs/heads/master",
      },
      token_spec: { scope: 'applied-permissions/groups:"ci-readers"', expires_in: 900 },
    });

    // Reads: the org policy (REST), one GraphQL query; writes: branch, commit, PR.
    expect(h.github.calls()).toEqual([
      "GET /repos/Octocoders/.github/contents/.github/jfrog-oidc.yml",
      "POST /graphql query ObserveRepository",
      "POST /repos/Octocoders/Hello-World/git/refs",
      "POST /graphql mutation AddWorkflowFile",
      "POST /repos/Octocoders/Hello-World/pulls",
    ]);

    const branch = repo.branches.get("jfrog-oidc/onboarding");
    const base = repo.branches.get("master");
    expect(Object.keys(branch?.files ?? {}).filter((f) => !(f in (base?.files ?? {})))).toEqual([
      ".github/workflows/jfrog-oidc.yml",
    ]);
    const workflow = parse(branch?.files[".github/workflows/jfrog-oidc.yml"] ?? "");
    const job = Object.values(workflow.jobs)[0] as {
      permissions: unknown;
      steps: Array<{ uses?: string; with?: unknown }>;
    };
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job.steps.find((s) => s.uses?.startsWith("jfrog/setup-jfrog-cli"))?.with).toMatchObject({
      "oidc-provider-name": "github-acme",
      "oidc-audience": "jfrog-github",
    });

    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]).toMatchObject({
      head: "jfrog-oidc/onboarding",
      base: "master",
      state: "OPEN",
      title: "Add JFrog OIDC workflow",
    });
    const body = repo.pulls[0]?.body ?? "";
    expect(body).toContain("| `repository_id` | `186853261` |");
    expect(body).toContain('Scope: `applied-permissions/groups:"ci-readers"`');
    expect(body).toContain("### Rolling back");
    expect(body).toContain("Only runs on `refs/heads/master` get a token; runs on any other ref do not.");
  });

  it("writes the GitHub side only after JFrog accepted the mapping", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    const mappingWrite = h.timeline.indexOf("jfrog POST /access/api/v1/oidc/github-acme/identity_mappings");
    const firstGitHubWrite = h.timeline.findIndex((s) => s.startsWith("github POST /repos"));
    expect(mappingWrite).toBeGreaterThan(-1);
    expect(firstGitHubWrite).toBeGreaterThan(mappingWrite);
  });

  it("never writes a secret into a log line, the PR or the workflow", async () => {
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    const everything = [
      ...h.lines,
      JSON.stringify(repo.pulls),
      JSON.stringify([...repo.branches.values()]),
    ].join("\n");
    expect(h.lines.length).toBeGreaterThan(3);
    for (const secret of SECRETS) expect(everything).not.toContain(secret.trim().split("\n")[1] ?? secret);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
