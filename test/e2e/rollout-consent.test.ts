/**
 * Consent: repositories that existed before the app are onboarded only when the org agreed, by the policy's
 * `rollout.existing: true` or by an org owner's `/jfrog-oidc rollout` in the `.github` repository. Pause and resume
 * are the owner's too, and both are kept on GitHub (labels of `.github`), where a restart finds them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { comment, mappingsFor, repliesTo, sendInstallationEvent, testWorld } from "./helpers.js";

let world: World;
let issue: number;
beforeAll(async () => {
  world = await testWorld({ existingRepositories: [{ name: "api" }, { name: "web" }] });
  issue = world.github.openIssue("acme", ".github", { title: "JFrog OIDC rollout" });
  await world.settle();
});
afterAll(() => world.close());

const onboarded = (name: string) => {
  const repo = world.github.repository("acme", name);
  return { mappings: mappingsFor(world, repo).length, pulls: repo.pulls.length };
};
const dotGithub = () => world.github.repository("acme", ".github");

describe("existing repositories", () => {
  it("are left untouched on install when the policy does not say rollout.existing", async () => {
    await sendInstallationEvent(world, "installation", "created");
    expect(onboarded("api")).toEqual({ mappings: 0, pulls: 0 });
    expect(onboarded("web")).toEqual({ mappings: 0, pulls: 0 });
    const scanned = world.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "org scanned");
    // api and web, there before the app (the org's own `.github` repository is not onboarded by default).
    expect(scanned).toMatchObject({ org: "acme", awaitingConsent: 2, queued: 0, consented: false });
  });

  it("are not onboarded by a member who is not an org owner: the reply says why", async () => {
    const id = await comment(world, { repo: ".github", number: issue }, "/jfrog-oidc rollout", "mona");
    expect(repliesTo(dotGithub(), id)).toEqual([expect.stringContaining("🔒 **Not allowed:** ")]);
    expect(dotGithub().labels).not.toContain("jfrog-oidc: rollout");
    expect(onboarded("api")).toEqual({ mappings: 0, pulls: 0 });
  });

  it("are onboarded once an org owner comments /jfrog-oidc rollout, and the consent is kept as a label", async () => {
    const id = await comment(world, { repo: ".github", number: issue }, "/jfrog-oidc rollout", "octocat");
    expect(repliesTo(dotGithub(), id)).toEqual([
      expect.stringContaining("🚀 Rollout started for the existing"),
    ]);
    expect(dotGithub().labels).toContain("jfrog-oidc: rollout");
    expect(onboarded("api")).toEqual({ mappings: 1, pulls: 1 });
    expect(onboarded("web")).toEqual({ mappings: 1, pulls: 1 });
  });
});

describe("pause and resume", () => {
  it("pause stops the backfill (a sweep finds the repository but queues nothing) until resume", async () => {
    const id = await comment(
      world,
      { repo: ".github", number: issue },
      "/jfrog-oidc rollout pause",
      "octocat",
    );
    expect(repliesTo(dotGithub(), id)).toEqual([expect.stringContaining("⏸️ Rollout paused")]);
    expect(dotGithub().labels).toContain("jfrog-oidc: rollout paused");

    world.github.createRepository({
      owner: "acme",
      name: "legacy",
      files: { "go.mod": "module x\n" },
      announce: false,
    });
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    expect(onboarded("legacy")).toEqual({ mappings: 0, pulls: 0 });

    const resumed = await comment(
      world,
      { repo: ".github", number: issue },
      "/jfrog-oidc rollout resume",
      "octocat",
    );
    expect(repliesTo(dotGithub(), resumed)).toEqual([expect.stringContaining("▶️ Rollout resumed")]);
    expect(dotGithub().labels).not.toContain("jfrog-oidc: rollout paused");
    expect(onboarded("legacy")).toEqual({ mappings: 1, pulls: 1 });
  });

  it("new repositories are handled at once even while paused", async () => {
    await comment(world, { repo: ".github", number: issue }, "/jfrog-oidc rollout pause", "octocat");
    world.github.createRepository({ owner: "acme", name: "fresh", files: { "package.json": "{}\n" } });
    await world.settle();
    expect(onboarded("fresh")).toEqual({ mappings: 1, pulls: 1 });
  });
});
