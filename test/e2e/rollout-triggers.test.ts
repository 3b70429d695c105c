/**
 * Org-wide triggers: repositories added to the installation are scanned; a valid push of the org policy re-plans
 * every repository of the org (here: it gives consent, so the existing ones are onboarded); an invalid one applies
 * nothing and fails a check run on the policy's commit.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { mappingsFor, sendInstallationEvent, testWorld } from "./helpers.js";

let world: World;
beforeAll(async () => {
  world = await testWorld({ existingRepositories: [{ name: "billing" }, { name: "search" }] });
});
afterAll(() => world.close());

const state = (name: string) => {
  const repo = world.github.repository("acme", name);
  return { mappings: mappingsFor(world, repo).length, pulls: repo.pulls.length };
};

const pushPolicy = async (text: string) => {
  world.github.push({
    owner: "acme",
    repo: ".github",
    files: { ".github/jfrog-oidc.yml": text },
    as: "octocat",
  });
  await world.settle();
};

describe("installation_repositories.added", () => {
  it("scans the organization: without consent, the existing repositories wait", async () => {
    await sendInstallationEvent(world, "installation_repositories", "added");
    expect(state("billing")).toEqual({ mappings: 0, pulls: 0 });
    const scan = world.logs.map((l) => JSON.parse(l)).findLast((l) => l.msg === "org scanned");
    expect(scan).toMatchObject({ reason: "repositories added to the installation", awaitingConsent: 2 });
  });
});

describe("a push of the org policy", () => {
  it("when invalid applies nothing and fails a check run on the policy's commit", async () => {
    await pushPolicy("provider: 42\n");
    expect(state("billing")).toEqual({ mappings: 0, pulls: 0 });
    const runs = world.github.repository("acme", ".github").checkRuns;
    expect(runs.at(-1)).toMatchObject({ conclusion: "failure" });
  });

  it("when valid re-plans every repository of the org: with rollout.existing, the existing ones are onboarded", async () => {
    await pushPolicy(stringify({ ...defaultPolicy(), rollout: { existing: true } }));
    expect(state("billing")).toEqual({ mappings: 1, pulls: 1 });
    expect(state("search")).toEqual({ mappings: 1, pulls: 1 });
  });
});
