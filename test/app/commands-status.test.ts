import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { policyInput } from "../fixtures/policy.js";
import { issueComment, maintainedRepo, replies } from "./comments.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, useHarness } from "./world.js";

let h: Harness;
useHarness((created) => {
  h = created;
});

const MAPPING = "gh-o38302899-r186853261";

describe("/jfrog-oidc status", () => {
  it("describes a repository not onboarded yet from one dry run of the reconcile path, writing nothing else", async () => {
    const repo = maintainedRepo(h.github);
    await h.deliver(issueComment(repo, "/jfrog-oidc status", { commentId: 42 }));

    expect(h.jfrog.writes()).toEqual([]);
    expect(h.github.calls()).toEqual([
      "GET /repos/Octocoders/Hello-World/collaborators/maintainer/permission",
      "POST /repos/Octocoders/Hello-World/issues/comments/42/reactions",
      "GET /repos/Octocoders/.github/contents/.github/jfrog-oidc.yml",
      "POST /graphql query ObserveRepository",
      "POST /graphql query ReadWorkflowFiles",
      "POST /repos/Octocoders/Hello-World/issues/7/comments",
    ]);
    expect(repo.reactions).toEqual([{ commentId: 42, content: "eyes", user: "jfrog-oidc-rollout[bot]" }]);
    expect(repo.comments[0]?.body).toBe(
      [
        "<!-- jfrog-oidc-rollout:reply comment=42 command=1/1 -->",
        "#### `/jfrog-oidc status`",
        "",
        "| what | state |",
        "| --- | --- |",
        "| Scope | ✅ in scope |",
        `| Identity mapping \`${MAPPING}\` | ❌ missing: the next run creates it |`,
        "| Workflow | ❌ `.github/workflows/jfrog-oidc.yml` is not on the default branch and there is no onboarding PR |",
        "| JFrog integration | ✅ `github-acme` (audience `jfrog-github`) exists and matches the org policy |",
        "| Workflow audit | ✅ no findings in the default branch's workflows |",
        "| JFrog mappings tried first | ✅ none: no other mapping admits this repository's tokens first |",
        "",
        "<details><summary>The app's next run would do 2 things</summary>",
        "",
        `- create the JFrog identity mapping \`${MAPPING}\``,
        "- open the onboarding PR adding `.github/workflows/jfrog-oidc.yml` (branch `jfrog-oidc/onboarding`)",
        "",
        "</details>",
      ].join("\n"),
    );
  });

  it("reports an onboarded repository as in order, with the token its mapping yields and the open PR", async () => {
    const repo = maintainedRepo(h.github);
    await h.deliver(repositoryCreated(repo));
    await h.deliver(issueComment(repo, "/jfrog-oidc status"));

    const [reply] = replies(repo).slice(-1);
    expect(reply).toContain(`| Identity mapping \`${MAPPING}\` | ✅ present and as the org policy wants |`);
    expect(reply).toContain(
      '| Token it yields | scope `applied-permissions/groups:"ci-readers"`, valid 900 s |',
    );
    expect(reply).toContain(
      "| Workflow | ⏳ onboarding PR #1 adds `.github/workflows/jfrog-oidc.yml` and is open |",
    );
    expect(reply).toContain("Nothing is pending: the app's next run would change nothing.");
  });

  it("describes drift field by field", async () => {
    const repo = maintainedRepo(h.github);
    await h.deliver(repositoryCreated(repo));
    const mapping = h.jfrog.mappings.get(MAPPING);
    if (!mapping) throw new Error("no mapping");
    h.jfrog.mappings.set(MAPPING, {
      ...mapping,
      priority: 1,
      token_spec: { ...mapping.token_spec, expires_in: 86400 },
    });
    await h.deliver(issueComment(repo, "/jfrog-oidc status"));

    const reply = replies(repo).at(-1) ?? "";
    expect(reply).toContain("⚠️ present, but 2 fields differ from the org policy (below)");
    expect(reply).toContain(
      [
        `<details><summary>How \`${MAPPING}\` differs from the policy</summary>`,
        "",
        "- `priority: 1 → 100`",
        "- `token_spec.expires_in: 86400 → 900`",
        "",
        "</details>",
      ].join("\n"),
    );
    expect(h.jfrog.writes()).toEqual(["POST /access/api/v1/oidc/github-acme/identity_mappings"]);
  });

  it("keeps a table cell whole when a value in it holds a pipe (git allows `|` in branch names)", async () => {
    const repo = maintainedRepo(h.github, {
      defaultBranch: "release|v2",
      files: { "README.md": "# app\n", ".github/workflows/jfrog-oidc.yml": "name: JFrog\n" },
    });
    await h.deliver(issueComment(repo, "/jfrog-oidc status"));
    expect(replies(repo)[0]).toContain(
      "| Workflow | ✅ `.github/workflows/jfrog-oidc.yml` is on the default branch `release\\|v2` |",
    );
  });

  it("mentions a same-named mapping the app does not own without showing anything of it", async () => {
    const repo = maintainedRepo(h.github);
    h.jfrog.mappings.set(MAPPING, {
      name: MAPPING,
      description: "hand-made by the platform team",
      claims: { repository: "Octocoders/Hello-World" },
      token_spec: { scope: "applied-permissions/admin", username: "deployer" },
    });
    await h.deliver(issueComment(repo, "/jfrog-oidc status"));

    const reply = replies(repo)[0] ?? "";
    expect(reply).toContain("a mapping with this name exists that this app does not manage");
    // It admits every token of the repository: said, and nothing of what it grants.
    expect(reply).toContain(
      "| JFrog mappings tried first | ⚠️ 1 mapping this app does not manage admits this repository's tokens (below) |",
    );
    expect(reply).toContain("| a mapping not managed by this app | priority (none: last) | every token |");
    for (const secret of ["hand-made", "admin", "deployer"]) expect(reply).not.toContain(secret);
  });

  it("says why the app does nothing when the org has no policy", async () => {
    h.github.repos.delete("octocoders/.github");
    const repo = maintainedRepo(h.github);
    await h.deliver(issueComment(repo, "/jfrog-oidc status"));
    expect(replies(repo)[0]).toContain(
      "ℹ️ The app does nothing in this repository right now: no policy at Octocoders/.github:.github/jfrog-oidc.yml",
    );
  });
});

describe("/jfrog-oidc plan", () => {
  it("says what sync would do after a declined PR, and writes nothing", async () => {
    const repo = maintainedRepo(h.github);
    await h.deliver(repositoryCreated(repo));
    const pull = repo.pulls[0];
    if (pull) pull.state = "CLOSED";
    const writes = h.github.writes().length;
    await h.deliver(issueComment(repo, "/jfrog-oidc plan", { commentId: 77 }));

    expect(replies(repo).at(-1)).toContain(
      "`/jfrog-oidc sync` would, in this order:\n\n- open the onboarding PR adding `.github/workflows/jfrog-oidc.yml` (branch `jfrog-oidc/onboarding`)",
    );
    expect(h.github.writes().slice(writes)).toEqual([
      "POST /repos/Octocoders/Hello-World/issues/comments/77/reactions",
      "POST /repos/Octocoders/Hello-World/issues/7/comments",
    ]);
    expect(repo.pulls).toHaveLength(1);
  });
});

describe("a dry run that would create the integration", () => {
  it("does not count as verified: the next real run still creates it", async () => {
    h.jfrog.integrations.clear();
    const head = h.github.repo("Octocoders", ".github").branches.get("master");
    if (head)
      head.files[".github/jfrog-oidc.yml"] = stringify(
        policyInput({ provider: { name: "github-acme", audience: "jfrog-github", manage: "create" } }),
      );
    const repo = maintainedRepo(h.github);
    await h.deliver(issueComment(repo, "/jfrog-oidc status"));
    expect(h.jfrog.integrations.size).toBe(0);

    await h.deliver(issueComment(repo, "/jfrog-oidc setup"));
    expect([...h.jfrog.integrations.keys()]).toEqual(["github-acme"]);
    expect(h.jfrog.mappings.has(MAPPING)).toBe(true);
  });
});
