import { describe, expect, it } from "vitest";
import { policyInput } from "../fixtures/policy.js";
import { issueComment, maintainedRepo, replies } from "./comments.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
    seedOrg(h, policyInput({ claims: { ref: ["$default", "refs/tags/v*"] } }));
  },
  { seed: false },
);

const MAPPING = "gh-o38302899-r186853261";

async function onboarded() {
  const repo = maintainedRepo(h.github);
  await h.deliver(repositoryCreated(repo));
  return repo;
}

/** Someone else's mappings on the same integration: one admits every repository of the org, one another repo. */
function foreignMappings() {
  h.jfrog.mappings.set("platform-wide", {
    name: "platform-wide",
    description: "platform team: every repository of the org",
    priority: 5,
    claims: { repository_owner: "Octocoders", ref: "refs/heads/*" },
    token_spec: { scope: "applied-permissions/admin", username: "platform-bot" },
  });
  h.jfrog.mappings.set("gh-o38302899-r999", {
    name: "gh-o38302899-r999",
    description: "[jfrog-oidc-rollout] GitHub Actions of Octocoders/secret-project (repository id 999)",
    priority: 100,
    claims: { repository_id: "999", repository: "Octocoders/secret-project" },
    token_spec: { scope: 'applied-permissions/groups:"secret-readers"' },
  });
}

describe("/jfrog-oidc verify", () => {
  it("says the repository's own mapping admits its default branch, and what token it yields", async () => {
    const repo = await onboarded();
    await h.deliver(issueComment(repo, "/jfrog-oidc verify"));

    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain(
      `✅ **Allowed.** JFrog would use this repository's mapping \`${MAPPING}\` and issue a token with scope \`applied-permissions/groups:"ci-readers"\`, valid for 900 seconds.`,
    );
    expect(reply).toContain(`| \`${MAPPING}\` (this repository's) | 100 | ✅ matches: **used** |`);
    expect(reply).toContain("| `ref` | `refs/heads/master` |");
    expect(reply).toContain("| `repository_id` | `186853261` |");
    expect(h.jfrog.requests.at(-1)).toMatchObject({
      method: "GET",
      path: "/access/api/v1/oidc/github-acme/identity_mappings",
    });
    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
  });

  it("denies another branch and shows which claim of the repository's mapping differs", async () => {
    const repo = await onboarded();
    await h.deliver(issueComment(repo, '/jfrog-oidc verify ref=feature/x environment="prod eu"'));

    const reply = replies(repo).at(-1) ?? "";
    expect(reply.split("\n")[0]).toBe(
      '#### `/jfrog-oidc verify ref=refs/heads/feature/x environment="prod eu"`',
    );
    expect(reply).toContain(
      "⛔ **Denied.** No identity mapping of the integration `github-acme` matches these claims.",
    );
    expect(reply).toContain(
      [
        "| claim | the mapping expects | the token has |",
        "| --- | --- | --- |",
        "| `ref` | `refs/heads/master` or `refs/tags/v*` | `refs/heads/feature/x` |",
      ].join("\n"),
    );
    expect(reply).toContain("| `environment` | `prod eu` |");
    expect(reply).toContain("| `sub` | `repo:Octocoders/Hello-World:environment:prod eu` |");
  });

  it("admits a release tag through the mapping's wildcard", async () => {
    const repo = await onboarded();
    await h.deliver(issueComment(repo, "/jfrog-oidc verify ref=refs/tags/v1.2.3"));
    expect(replies(repo).at(-1)).toContain("✅ **Allowed.**");
  });

  it("reports a foreign mapping that wins only by its priority, and never mentions other repositories", async () => {
    const repo = await onboarded();
    foreignMappings();
    await h.deliver(issueComment(repo, "/jfrog-oidc verify"));

    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain("⚠️ **Allowed, but not by this repository's mapping.**");
    expect(reply).toContain(
      [
        "| mapping | priority | result |",
        "| --- | --- | --- |",
        "| a mapping not managed for this repository | 5 | ✅ matches: **used** |",
        `| \`${MAPPING}\` (this repository's) | 100 | ✅ matches (an earlier one wins) |`,
      ].join("\n"),
    );
    for (const leak of ["platform", "permissions/admin", "secret", "r999", "999"])
      expect(reply).not.toContain(leak);
  });

  it("tells a repository without a mapping to run setup", async () => {
    const repo = maintainedRepo(h.github);
    await h.deliver(issueComment(repo, "/jfrog-oidc verify workflow=release.yml"));
    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain("⛔ **Denied.**");
    expect(reply).toContain(
      `This repository has no identity mapping managed by this app (\`${MAPPING}\`): \`/jfrog-oidc setup\` creates it.`,
    );
    expect(reply).toContain(
      "| `workflow_ref` | `Octocoders/Hello-World/.github/workflows/release.yml@refs/heads/master` |",
    );
  });

  it("answers a bad option with verify's help and asks JFrog nothing", async () => {
    const repo = maintainedRepo(h.github);
    await h.deliver(issueComment(repo, "/jfrog-oidc verify ref=../../etc"));
    const reply = replies(repo)[0] ?? "";
    expect(reply).toContain("⚠️ ref: `../../etc` is not a git ref");
    expect(reply).toContain("**Usage:** `/jfrog-oidc verify [ref=…] [environment=…] [workflow=…]`");
    expect(h.jfrog.requests).toEqual([]);
  });
});
