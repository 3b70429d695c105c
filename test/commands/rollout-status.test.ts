/**
 * `/jfrog-oidc rollout status` on the emulated edges: counts only, never names; in a public `.github` repository
 * (a public reply) only public repositories are counted, and the reply says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { CommandContext, CommandPlace } from "../../src/commands/command-context.js";
import { runRolloutStatus } from "../../src/commands/execute/rollout-status.js";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import { Authorizer } from "../../src/github/authorize.js";
import { desiredMapping } from "../../src/reconcile/desired-mapping.js";
import { OrgMemory } from "../../src/reconcile/org-gate.js";
import { RolloutStateCache } from "../../src/rollout/rollout-state-cache.js";
import { policy, policyInput } from "../fixtures/policy.js";
import { repoFacts } from "../fixtures/repo-facts.js";
import { type EmulatedOrg, emulatedOrg, ORG } from "../reconcile/emulated-org.js";
import { quietLog } from "../support/quiet-log.js";

let edge: EmulatedOrg;
beforeAll(async () => {
  edge = await emulatedOrg();
  const repo = (name: string, options: { visibility?: "public" | "private"; archived?: boolean } = {}) =>
    edge.github.createRepository({
      owner: ORG,
      name,
      files: { "README.md": "#\n" },
      announce: false,
      ...options,
    });
  const onboarded = repo("payments");
  repo("legacy", { archived: true });
  repo("public-lib", { visibility: "public" });
  // The app's mapping for `payments`; `public-lib` has none yet.
  await edge.client.createMapping(
    "github-acme",
    desiredMapping(
      repoFacts({ id: onboarded.id, ownerId: onboarded.ownerId, fullName: onboarded.fullName }),
      policy(),
    ),
  );
});
afterAll(() => edge.close());

function asked(isPublic: boolean): CommandContext {
  const log = quietLog();
  const place: CommandPlace = { owner: ORG, ownerType: "Organization", repo: ".github", isPublic };
  return {
    octokit: edge.octokit,
    log,
    deliveryId: "delivery-1",
    reconcile: {
      octokit: edge.octokit,
      jfrog: edge.client,
      jfrogUrl: edge.jfrog.url,
      dryRun: false,
      log,
      orgMemory: new OrgMemory(),
    },
    target: { owner: ORG, name: ".github" },
    place,
    authorizer: new Authorizer(edge.octokit, place, "octocat"),
    rollout: { installationId: 1, queue: { add: async () => {} }, state: new RolloutStateCache(Date.now) },
    retryInBackground: () => {},
  };
}

it("says the org's JFrog integration exists and matches the policy", async () => {
  expect(await runRolloutStatus(asked(false))).toContain(
    "| JFrog integration | ✅ `github-acme` (audience `jfrog-github`) exists and matches the org policy |",
  );
});

it("counts the org's repositories, those in scope, and those with the app's mapping, naming none", async () => {
  const reply = await runRolloutStatus(asked(false));
  expect(reply).toContain(
    [
      "| Repositories the app is installed on | 4 |",
      // Neither `.github` (it holds the policy) nor the archived `legacy`.
      "| …in scope by the policy's rules | 2 |",
      "| …of those with the app's identity mapping | 1 |",
      "| …of those still without one | 1 |",
    ].join("\n"),
  );
  for (const name of ["payments", "legacy", "public-lib"]) expect(reply).not.toContain(name);
  expect(reply).not.toContain("left out of the counts");
});

it("counts only public repositories when asked in a public .github repository, and says so", async () => {
  const reply = await runRolloutStatus(asked(true));
  expect(reply).toContain(
    [
      "| Public repositories the app is installed on | 1 |",
      "| …in scope by the policy's rules | 1 |",
      "| …of those with the app's identity mapping | 0 |",
      "| …of those still without one | 1 |",
    ].join("\n"),
  );
  expect(reply).toContain(
    "_This repository is public, so private and internal repositories are left out of the counts._",
  );
});

describe("the org's JFrog integration, as the org plan has it", () => {
  const pushPolicy = (provider: PolicyInput["provider"]) =>
    edge.github.push({
      owner: ORG,
      repo: ".github",
      files: { ".github/jfrog-oidc.yml": stringify(policyInput({ provider })) },
      as: "octocat",
    });
  afterAll(() => pushPolicy({ name: "github-acme", audience: "jfrog-github" }));

  it("says a managed integration still missing will be created, and creates nothing", async () => {
    pushPolicy({ name: "github-next", audience: "jfrog-github", manage: "create" });
    const reply = await runRolloutStatus(asked(false));
    expect(reply).toContain(
      "| JFrog integration | ➕ `github-next` does not exist yet: the app's next run creates it (`provider.manage: create`) |",
    );
    expect(reply).toContain("| …of those with the app's identity mapping | 0 |");
    expect(edge.jfrog.state.integrations.map((i) => i.name)).not.toContain("github-next");
  });

  it("says how an integration that differs from the policy differs: the app does nothing in the org", async () => {
    pushPolicy({ name: "github-acme", audience: "another-audience" });
    const reply = await runRolloutStatus(asked(false));
    expect(reply).toContain(
      "ℹ️ The app does nothing in `acme` right now: the JFrog integration does not match the org policy.",
    );
    expect(reply).toContain('has audience "jfrog-github", the policy says "another-audience"');
  });
});
