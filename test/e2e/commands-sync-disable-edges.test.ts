/**
 * What `sync`, `disable` and `setup` do beyond the main story (test/e2e/commands-disable-setup.test.ts): sync opens
 * the onboarding PR again after a decline and corrects a drifted mapping, saying what changed; disable records
 * the opt-out before it deletes anything, warns about a merged workflow, and finishes on its own when JFrog fails
 * midway; setup writes no PR while JFrog is down. Each scenario has a repository of its own in one org.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { World } from "../../src/sandbox/world.js";
import { bodiesSent, comment, mappingsFor, repliesTo, testWorld } from "./helpers.js";
import { jfrogAdmin } from "./jfrog-admin.js";

const OPT_OUT_LABEL = "jfrog-oidc: disabled";
const MAPPINGS = "/access/api/v1/oidc/github-acme/identity_mappings";
const timers = new VirtualClock();

let world: World;
/** The issue each repository's commands are made on. */
const issues = new Map<string, number>();
beforeAll(async () => {
  world = await testWorld({ clock: timers, now: timers.date, retryDelaysMs: [1000] });
  for (const name of ["declined", "drifted", "ordered", "merged", "flaky"]) {
    world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
    world.github.addCollaborator("acme", name, "lead", "maintain");
  }
  world.github.createRepository({
    owner: "acme",
    name: "fresh",
    files: { "package.json": "{}\n" },
    announce: false,
  });
  world.github.addCollaborator("acme", "fresh", "lead", "maintain");
  await world.settle();
  for (const name of ["declined", "drifted", "ordered", "merged", "flaky", "fresh"])
    issues.set(name, world.github.openIssue("acme", name, { title: "JFrog sign-in" }, "lead"));
  await world.settle();
});
afterAll(() => world.close());

const repo = (name: string) => world.github.repository("acme", name);
const mappingName = (name: string) => `gh-o${repo(name).ownerId}-r${repo(name).id}`;
/** `body` commented by the maintainer on the repository's issue; the app's replies to it. */
async function command(name: string, body: string, as = "lead") {
  const id = await comment(world, { repo: name, number: issues.get(name) ?? 0 }, body, as);
  return { id, replies: repliesTo(repo(name), id) };
}

describe("/jfrog-oidc sync", () => {
  it("opens the onboarding PR again after a decline and says what changed", async () => {
    world.github.closePullRequest("acme", "declined", 1, "lead");
    await world.settle();
    const { replies } = await command("declined", "/jfrog-oidc sync");

    expect(repo("declined").pulls.map((p) => [p.number, p.state])).toEqual([
      [1, "closed"],
      [3, "open"],
    ]);
    expect(replies).toEqual([
      [
        "#### `/jfrog-oidc sync`",
        "",
        "Done:",
        "",
        "- ✅ open the onboarding PR adding `.github/workflows/jfrog-oidc.yml` (branch `jfrog-oidc/onboarding`)",
      ].join("\n"),
    ]);
  });

  it("corrects a drifted mapping and shows the drift", async () => {
    const [mapping] = mappingsFor(world, repo("drifted"));
    if (!mapping) throw new Error("acme/drifted has no mapping");
    const { provider_name: _, ...body } = mapping;
    await jfrogAdmin(world, "PUT", `/github-acme/identity_mappings/${mapping.name}`, {
      ...body,
      claims: { ...mapping.claims, repository: "x/y" },
    });
    const { replies } = await command("drifted", "/jfrog-oidc sync");

    expect(mappingsFor(world, repo("drifted"))).toEqual([mapping]);
    const [reply] = replies;
    expect(reply).toContain(
      `- ✅ correct the JFrog identity mapping \`${mapping.name}\` (1 field differs from the org policy)`,
    );
    expect(reply).toContain('- `claims.repository: "x/y" → "acme/drifted"`');
  });
});

describe("/jfrog-oidc disable", () => {
  it("records the opt-out first, then removes the mapping and closes the PR", async () => {
    const from = { github: world.github.requests.length, jfrog: world.jfrog.requests.length };
    const { id } = await command("ordered", "/jfrog-oidc disable");

    // Both emulators' writes in the order they were answered (each record carries its time).
    const writes = [
      ...world.github.requests.slice(from.github).map((r) => ({ ...r, service: "github" })),
      ...world.jfrog.requests.slice(from.jfrog).map((r) => ({ ...r, service: "jfrog" })),
    ]
      .filter((r) => r.method !== "GET" && !r.path.endsWith("/graphql") && !r.path.endsWith("/access_tokens"))
      .sort((a, b) => a.at - b.at)
      .map((r) => `${r.service} ${r.method} ${r.path.replace(/^\/api\/v3/, "")}`);
    expect(writes).toEqual([
      `github POST /repos/acme/ordered/issues/comments/${id}/reactions`,
      "github POST /repos/acme/ordered/labels",
      `jfrog DELETE ${MAPPINGS}/${mappingName("ordered")}`,
      "github POST /repos/acme/ordered/issues/1/comments",
      "github PATCH /repos/acme/ordered/pulls/1",
      `github POST /repos/acme/ordered/issues/${issues.get("ordered")}/comments`,
    ]);
    expect(bodiesSent(world, "github", "POST /repos/acme/ordered/labels")).toEqual([
      expect.objectContaining({
        name: OPT_OUT_LABEL,
        description: expect.stringContaining("/jfrog-oidc setup"),
      }),
    ]);
    expect(repo("ordered").labels).toContain(OPT_OUT_LABEL);
    expect(mappingsFor(world, repo("ordered"))).toEqual([]);
    expect(repo("ordered").pulls.map((p) => p.state)).toEqual(["closed"]);
  });

  it("warns that a merged workflow stays and can no longer sign in", async () => {
    world.github.mergePullRequest("acme", "merged", 1);
    await world.settle();
    const { replies } = await command("merged", "/jfrog-oidc disable");
    expect(replies[0]).toContain(
      "`.github/workflows/jfrog-oidc.yml` stays on the default branch: without the mapping its JFrog sign-in now fails",
    );
  });

  it("finishes on its own when JFrog fails after the opt-out was recorded", async () => {
    const outage = world.jfrog.faults.add({
      method: "DELETE",
      pathPattern: new RegExp(`/identity_mappings/${mappingName("flaky")}$`),
      status: 503,
    });
    const { replies } = await command("flaky", "/jfrog-oidc disable");

    expect(repo("flaky").labels).toContain(OPT_OUT_LABEL);
    expect(mappingsFor(world, repo("flaky"))).toHaveLength(1);
    const [reply = ""] = replies;
    expect(reply).toContain("❌ **Failed:** JFrog is unavailable (HTTP 503).");
    expect(reply).toContain("Done before the failure:\n- record the opt-out");
    expect(reply).toContain(
      "**What to do:** nothing: the opt-out is recorded and the app finishes the rest on its own",
    );
    expect(reply).toMatch(/under delivery `[^`\s]+`/);

    // The background run the command handed over to failed too, and waits for its retry.
    expect(timers.pending).toBeGreaterThan(0);
    outage.remove();
    timers.fireAll();
    await world.settle();
    expect(mappingsFor(world, repo("flaky"))).toEqual([]);
    expect(repo("flaky").pulls.map((p) => p.state)).toEqual(["closed"]);
  });
});

describe("/jfrog-oidc setup", () => {
  it("writes no PR when JFrog is down, and says what to do", async () => {
    const pending = timers.pending;
    const outage = world.jfrog.faults.add({
      method: "POST",
      pathPattern: new RegExp(`${MAPPINGS}$`),
      status: 503,
    });
    const { replies } = await command("fresh", "/jfrog-oidc setup");
    outage.remove();

    expect(repo("fresh").pulls).toEqual([]);
    expect(Object.keys(repo("fresh").branches)).toEqual(["main"]);
    const [reply = ""] = replies;
    expect(reply).toContain("❌ **Failed:** JFrog is unavailable (HTTP 503).");
    expect(reply).toContain("**What to do:** try again in a few minutes, then run the command again.");
    expect(reply).not.toContain("Done before the failure");
    expect(timers.pending).toBe(pending);
  });
});
