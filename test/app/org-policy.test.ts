import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { policyInput } from "../fixtures/policy.js";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

describe("the org policy", () => {
  it("when invalid stops all writes for the org and fails a check run on the policy file's commit", async () => {
    seedOrg(h, "provider:\n  name: github-acme\ntoken:\n  scope: groups\n");
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    await h.deliver(repositoryCreated(h.github.add(fakeRepo({ id: 2, name: "other" }))));

    expect(h.jfrog.requests).toEqual([]);
    expect(repo.pulls).toEqual([]);
    const dotGithub = h.github.repo("Octocoders", ".github");
    expect(dotGithub.checkRuns).toHaveLength(1); // reported once, not per repository
    expect(dotGithub.checkRuns[0]).toMatchObject({
      conclusion: "failure",
      head_sha: dotGithub.branches.get("master")?.oid,
    });
    expect(dotGithub.checkRuns[0]?.output.summary.split("\n")).toEqual([
      "- `Octocoders/.github:.github/jfrog-oidc.yml: provider.audience: Invalid input: expected string, received undefined`",
      "- `Octocoders/.github:.github/jfrog-oidc.yml: token.groups: is required when scope is groups`",
    ]);
    expect(
      h
        .logs()
        .some((l) => l.level === 50 && String(l.msg).startsWith("The JFrog OIDC org policy is invalid")),
    ).toBe(true);
  });

  it("follows Probot's _extends: the org file wins over the base it extends", async () => {
    h.github.add(
      fakeRepo({
        id: 1001,
        name: "policies",
        files: {
          ".github/jfrog-oidc.yml":
            "provider: { name: github-acme, audience: jfrog-github }\ntoken: { scope: user, username: base }\npriority: 7\n",
        },
      }),
    );
    seedOrg(h, "_extends: policies\ntoken:\n  scope: groups\n  groups: [ci-readers]\n");
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    const mapping = h.jfrog.mappings.get("gh-o38302899-r186853261");
    expect(mapping?.priority).toBe(7);
    expect(mapping?.token_spec.scope).toBe('applied-permissions/groups:"ci-readers"');
    expect(repo.pulls).toHaveLength(1);
  });

  it("broken, fixed, then broken the same way again is reported again", async () => {
    const broken = "provider:\n  name: github-acme\ntoken:\n  scope: groups\n";
    seedOrg(h);
    const dotGithub = h.github.repo("Octocoders", ".github");
    const setPolicy = (text: string) => {
      const head = dotGithub.branches.get("master");
      if (head) head.files[".github/jfrog-oidc.yml"] = text;
    };
    let id = 0;
    const onboardOne = () =>
      h.deliver(repositoryCreated(h.github.add(fakeRepo({ id: ++id, name: `r${id}` }))));
    await onboardOne(); // valid: the integration is verified (and remembered)
    setPolicy(broken);
    await onboardOne(); // reported
    setPolicy(stringify(policyInput()));
    await onboardOne(); // valid again
    setPolicy(broken);
    await onboardOne(); // the same breakage, on a new commit: reported again
    expect(dotGithub.checkRuns.map((c) => c.conclusion)).toEqual(["failure", "failure"]);
  });

  it("when missing leaves the org alone", async () => {
    h.github.add(fakeRepo({ id: 1000, name: ".github", files: { "README.md": "hi" } }));
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.requests).toEqual([]);
    expect(h.github.writes()).toEqual([]);
  });

  it("whose integration audience differs from JFrog's is reported and nothing is written", async () => {
    seedOrg(h);
    h.jfrog.withIntegration({ audience: "something-else" });
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.writes()).toEqual([]);
    expect(repo.pulls).toEqual([]);
    expect(h.github.repo("Octocoders", ".github").checkRuns[0]?.output.summary).toContain(
      'the JFrog OIDC integration "github-acme" has audience "something-else", the policy says "jfrog-github"',
    );
  });

  it("with manage: create creates a missing integration before the first mapping", async () => {
    seedOrg(
      h,
      policyInput({ provider: { name: "github-acme", audience: "jfrog-github", manage: "create" } }),
    );
    h.jfrog.integrations.clear();
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.writes()).toEqual([
      "POST /access/api/v1/oidc",
      "POST /access/api/v1/oidc/github-acme/identity_mappings",
    ]);
    expect(h.jfrog.integrations.get("github-acme")).toMatchObject({
      issuer_url: "https://token.actions.githubusercontent.com",
      provider_type: "GitHub",
      audience: "jfrog-github",
      organization: "Octocoders",
    });
    expect(repo.pulls).toHaveLength(1);
  });

  it("with manage: verify and no integration says how to create it", async () => {
    seedOrg(h);
    h.jfrog.integrations.clear();
    await h.deliver(repositoryCreated(h.github.add(fakeRepo())));
    expect(h.jfrog.writes()).toEqual([]);
    expect(h.github.repo("Octocoders", ".github").checkRuns[0]?.output.summary).toMatch(
      /does not exist: create it in JFrog \(provider type GitHub, issuer https:\/\/token.actions.githubusercontent.com, audience jfrog-github, organization Octocoders\) or set provider.manage: create/,
    );
  });
});
