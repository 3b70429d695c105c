/**
 * `/jfrog-oidc status` and `plan` beyond the main story (test/e2e/commands-status-verify.test.ts): a repository
 * not onboarded yet is described from one dry run of the reconcile path, a branch name with a pipe keeps its table
 * cell, a same-named mapping the app does not own is mentioned and never shown, an org without a policy is said to
 * be one; `plan` after a declined PR says what sync would do and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { APP_BOT, comment, reactionsOn, repliesTo, testWorld } from "./helpers.js";
import { jfrogAdmin } from "./jfrog-admin.js";
import { writesSince } from "./writes.js";

let world: World;
const issues = new Map<string, number>();
beforeAll(async () => {
  world = await testWorld();
  world.github.createRepository({ owner: "acme", name: "declined", files: { "package.json": "{}\n" } });
  for (const [name, spec] of [
    ["fresh", {}],
    ["piped", { defaultBranch: "release|v2" }],
    ["claimed", {}],
  ] as const) {
    world.github.createRepository({
      owner: "acme",
      name,
      files: {
        "README.md": "# app\n",
        ...(name === "piped" && { ".github/workflows/jfrog-oidc.yml": "name: JFrog\n" }),
      },
      announce: false,
      ...spec,
    });
  }
  await world.settle(); // acme/declined is onboarded: its PR is #1
  for (const name of ["declined", "fresh", "piped", "claimed"]) {
    world.github.addCollaborator("acme", name, "lead", "maintain");
    issues.set(name, world.github.openIssue("acme", name, { title: "JFrog sign-in" }, "lead"));
  }
  await world.settle();
});
afterAll(() => world.close());

const repo = (name: string) => world.github.repository("acme", name);
const mappingName = (name: string) => `gh-o${repo(name).ownerId}-r${repo(name).id}`;
async function command(name: string, body: string) {
  const id = await comment(world, { repo: name, number: issues.get(name) ?? 0 }, body, "lead");
  return { id, replies: repliesTo(repo(name), id) };
}

/** Every request to GitHub since `from`, as `METHOD path`; a GraphQL request by its operation. */
function callsSince(from: number): string[] {
  return world.github.requests
    .slice(from)
    .filter((r) => !r.path.endsWith("/access_tokens"))
    .map((r) => {
      if (!r.path.endsWith("/graphql")) return `${r.method} ${r.path.replace(/^\/api\/v3/, "")}`;
      const document = String((r.body as { query?: unknown } | undefined)?.query ?? "").trim();
      return `POST /graphql ${document
        .split(/[\s({]/)
        .slice(0, 2)
        .join(" ")}`;
    });
}

describe("/jfrog-oidc status", () => {
  it("describes a repository not onboarded yet from one dry run of the reconcile path, writing nothing else", async () => {
    const from = { github: world.github.requests.length, jfrog: world.jfrog.requests.length };
    const { id, replies } = await command("fresh", "/jfrog-oidc status");

    expect(writesSince(world, from).jfrog).toEqual([]);
    expect(callsSince(from.github)).toEqual([
      "GET /repos/acme/fresh/collaborators/lead/permission",
      `POST /repos/acme/fresh/issues/comments/${id}/reactions`,
      "GET /repos/acme/.github/contents/.github%2Fjfrog-oidc.yml",
      "POST /graphql query ObserveRepository",
      "POST /graphql query ReadWorkflowFiles",
      `POST /repos/acme/fresh/issues/${issues.get("fresh")}/comments`,
    ]);
    expect(reactionsOn(repo("fresh"), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(replies).toEqual([
      [
        "#### `/jfrog-oidc status`",
        "",
        "| what | state |",
        "| --- | --- |",
        "| Scope | ✅ in scope |",
        `| Identity mapping \`${mappingName("fresh")}\` | ❌ missing: the next run creates it |`,
        "| Workflow | ❌ `.github/workflows/jfrog-oidc.yml` is not on the default branch and there is no onboarding PR |",
        "| JFrog integration | ✅ `github-acme` (audience `jfrog-github`) exists and matches the org policy |",
        "| Workflow audit | ✅ no findings in the default branch's workflows |",
        "| JFrog mappings tried first | ✅ none: no other mapping admits this repository's tokens first |",
        "",
        "<details><summary>The app's next run would do 2 things</summary>",
        "",
        `- create the JFrog identity mapping \`${mappingName("fresh")}\``,
        "- open the onboarding PR adding `.github/workflows/jfrog-oidc.yml` (branch `jfrog-oidc/onboarding`)",
        "",
        "</details>",
      ].join("\n"),
    ]);
  });

  it("keeps a table cell whole when a value in it holds a pipe (git allows `|` in branch names)", async () => {
    const { replies } = await command("piped", "/jfrog-oidc status");
    expect(replies[0]).toContain(
      "| Workflow | ✅ `.github/workflows/jfrog-oidc.yml` is on the default branch `release\\|v2` |",
    );
  });

  it("mentions a same-named mapping the app does not own without showing anything of it", async () => {
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", {
      name: mappingName("claimed"),
      description: "hand-made by the platform team",
      claims: { repository: "acme/claimed" },
      token_spec: { scope: "applied-permissions/admin", username: "deployer" },
    });
    const { replies } = await command("claimed", "/jfrog-oidc status");

    const [reply = ""] = replies;
    expect(reply).toContain("a mapping with this name exists that this app does not manage");
    // It admits every token of the repository: said, and nothing of what it grants.
    expect(reply).toContain(
      "| JFrog mappings tried first | ⚠️ 1 mapping this app does not manage admits this repository's tokens (below) |",
    );
    expect(reply).toContain("| a mapping not managed by this app | priority (none: last) | every token |");
    for (const secret of ["hand-made", "admin", "deployer"]) expect(reply).not.toContain(secret);
  });
});

describe("/jfrog-oidc plan", () => {
  it("says what sync would do after a declined PR, and writes nothing", async () => {
    world.github.closePullRequest("acme", "declined", 1, "lead");
    await world.settle();
    const from = { github: world.github.requests.length, jfrog: world.jfrog.requests.length };
    const { id, replies } = await command("declined", "/jfrog-oidc plan");

    expect(replies[0]).toContain(
      "`/jfrog-oidc sync` would, in this order:\n\n- open the onboarding PR adding `.github/workflows/jfrog-oidc.yml` (branch `jfrog-oidc/onboarding`)",
    );
    expect(writesSince(world, from)).toEqual({
      github: [
        `POST /repos/acme/declined/issues/comments/${id}/reactions`,
        `POST /repos/acme/declined/issues/${issues.get("declined")}/comments`,
      ],
      jfrog: [],
    });
    expect(repo("declined").pulls).toHaveLength(1);
  });
});

describe("an org without a policy", () => {
  it("status says why the app does nothing", async () => {
    world.github.push({
      owner: "acme",
      repo: ".github",
      files: { ".github/jfrog-oidc.yml": null },
      message: "Remove the policy",
      announce: false,
    });
    const { replies } = await command("fresh", "/jfrog-oidc status");
    expect(replies[0]).toContain(
      "ℹ️ The app does nothing in this repository right now: no policy at acme/.github:.github/jfrog-oidc.yml",
    );
  });
});
