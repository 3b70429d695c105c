/**
 * `/jfrog-oidc verify` beyond the exchange cross-checks of test/e2e/commands-status-verify.test.ts, under a policy
 * that admits the default branch and release tags: how a denial names the claim that differs (every value the
 * mapping accepts), a tag admitted through the wildcard, a foreign mapping that wins by priority (never described,
 * nor any other repository), a repository without a mapping, and a bad option (JFrog not asked).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { comment, repliesTo, requestMark, requestsSince, testWorld } from "./helpers.js";
import { jfrogAdmin } from "./jfrog-admin.js";

let world: World;
const issues = new Map<string, number>();
beforeAll(async () => {
  world = await testWorld({ policy: { ...defaultPolicy(), claims: { ref: ["$default", "refs/tags/v*"] } } });
  world.github.createRepository({ owner: "acme", name: "web", files: { "package.json": "{}\n" } });
  world.github.createRepository({
    owner: "acme",
    name: "bare",
    files: { "package.json": "{}\n" },
    announce: false,
  });
  await world.settle();
  for (const name of ["web", "bare"]) {
    world.github.addCollaborator("acme", name, "lead", "maintain");
    issues.set(name, world.github.openIssue("acme", name, { title: "JFrog sign-in" }, "lead"));
  }
  await world.settle();
});
afterAll(() => world.close());

const repo = (name: string) => world.github.repository("acme", name);
const own = () => `gh-o${repo("web").ownerId}-r${repo("web").id}`;
async function verify(name: string, options: string) {
  const id = await comment(
    world,
    { repo: name, number: issues.get(name) ?? 0 },
    `/jfrog-oidc verify ${options}`,
    "lead",
  );
  const [reply = ""] = repliesTo(repo(name), id);
  return reply;
}

describe("/jfrog-oidc verify", () => {
  it("denies another branch and shows which claim of the repository's mapping differs", async () => {
    const reply = await verify("web", 'ref=feature/x environment="prod eu"');
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
        "| `ref` | `refs/heads/main` or `refs/tags/v*` | `refs/heads/feature/x` |",
      ].join("\n"),
    );
    expect(reply).toContain("| `environment` | `prod eu` |");
    expect(reply).toContain("| `sub` | `repo:acme/web:environment:prod eu` |");
  });

  it("admits a release tag through the mapping's wildcard", async () => {
    expect(await verify("web", "ref=refs/tags/v1.2.3")).toContain("✅ **Allowed.**");
  });

  it("tells a repository without a mapping to run setup", async () => {
    const reply = await verify("bare", "workflow=release.yml");
    expect(reply).toContain("⛔ **Denied.**");
    expect(reply).toContain(
      `This repository has no identity mapping managed by this app (\`gh-o${repo("bare").ownerId}-r${repo("bare").id}\`): \`/jfrog-oidc setup\` creates it.`,
    );
    expect(reply).toContain("| `workflow_ref` | `acme/bare/.github/workflows/release.yml@refs/heads/main` |");
  });

  it("answers a bad option with verify's help and asks JFrog nothing", async () => {
    const mark = requestMark(world);
    const reply = await verify("bare", "ref=../../etc");
    expect(reply).toContain("⚠️ ref: `../../etc` is not a git ref");
    expect(reply).toContain("**Usage:** `/jfrog-oidc verify [ref=…] [environment=…] [workflow=…]`");
    expect(requestsSince(world, mark).jfrog).toEqual([]);
  });

  it("reports a foreign mapping that wins only by its priority, and never mentions other repositories", async () => {
    // Someone else's mappings on the same integration: one admits every repository of the org, one another repo.
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", {
      name: "platform-wide",
      description: "platform team: every repository of the org",
      priority: 5,
      claims: { repository_owner: "acme", ref: "refs/heads/*" },
      token_spec: { scope: "applied-permissions/admin", username: "platform-bot" },
    });
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", {
      name: `gh-o${repo("web").ownerId}-r999`,
      description: "[jfrog-oidc-rollout] GitHub Actions of acme/secret-project (repository id 999)",
      priority: 100,
      claims: { repository_id: "999", repository: "acme/secret-project" },
      token_spec: { scope: 'applied-permissions/groups:"secret-readers"' },
    });
    const reply = await verify("web", "");

    expect(reply).toContain("⚠️ **Allowed, but not by this repository's mapping.**");
    expect(reply).toContain(
      [
        "| mapping | priority | result |",
        "| --- | --- | --- |",
        "| a mapping not managed for this repository | 5 | ✅ matches: **used** |",
        `| \`${own()}\` (this repository's) | 100 | ✅ matches (an earlier one wins) |`,
      ].join("\n"),
    );
    for (const leak of ["platform", "permissions/admin", "secret", "r999", "999"])
      expect(reply).not.toContain(leak);
  });
});
