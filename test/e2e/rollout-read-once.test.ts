/**
 * A rollout reads what it already knows only once: the org scan's backfill jobs plan from the scan's observation
 * and the policy it read, so onboarding a repository costs its writes and no read of its own. What is remembered
 * never outlives a change: a job asked for after the policy changed reads it again, and a carried observation
 * that is stale, or was made under other policy inputs, is read again before anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import type { RepoFacts } from "../../src/github/repo-facts.js";
import type { CarriedObservation } from "../../src/reconcile/carried-observation.js";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { ReconcileJob } from "../../src/rollout/job.js";
import type { RepoSnapshot } from "../../src/sandbox/github/index.js";
import type { World } from "../../src/sandbox/world.js";
import {
  mappingsFor,
  ONBOARDING_BRANCH,
  requestMark,
  requestsSince,
  testWorld,
  WORKFLOW_PATH,
} from "./helpers.js";

const HOUR = 3_600_000;
const POLICY = {
  provider: { name: "github-acme", audience: "jfrog-github" },
  token: { scope: "groups", groups: ["ci-readers"] },
  rollout: { existing: true },
} satisfies PolicyInput;
const POLICY_FILE = "/repos/acme/.github/contents/.github%2Fjfrog-oidc.yml";
const REPOSITORIES = ["billing", "search", "ledger"];

const clock = new VirtualClock(Date.parse("2026-03-02T09:00:00Z"));
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: POLICY,
    clock,
    now: clock.date,
    logLevel: "warn",
    existingRepositories: REPOSITORIES.map((name) => ({ name })),
  });
});
afterAll(() => world.close());

/** Runs the world until nothing is left to do or `hours` of clock time have passed. */
async function runFor(hours: number) {
  const end = clock.now() + hours * HOUR;
  for (;;) {
    await world.settle();
    const next = clock.nextDueMs();
    if (next === undefined || next > end) return;
    clock.advanceTo(next);
  }
}

const count = (requests: string[], request: string) => requests.filter((r) => r === request).length;

describe("an org rollout", () => {
  it("reads the policy once and each repository once, in the scan: its jobs only write", async () => {
    const mark = requestMark(world);
    await world.app.composed.lifecycle.sweep();
    await runFor(1);
    for (const name of REPOSITORIES) expect(world.github.repository("acme", name).pulls).toHaveLength(1);
    const { github, jfrog } = requestsSince(world, mark);
    expect(count(github, `GET ${POLICY_FILE}`)).toBe(1);
    // One page of the org query, then one commit mutation per repository: no per-repository observation.
    expect(count(github, "POST /api/graphql")).toBe(1 + REPOSITORIES.length);
    // One listing of the provider's mappings, then one creation per repository: no per-repository lookup.
    expect(
      jfrog.filter((r) => r.startsWith("GET /access/api/v1/oidc/github-acme/identity_mappings")),
    ).toEqual(["GET /access/api/v1/oidc/github-acme/identity_mappings"]);
    expect(count(jfrog, "POST /access/api/v1/oidc/github-acme/identity_mappings")).toBe(REPOSITORIES.length);
  });

  it("applies a policy changed behind its back to the next job asked for, not the policy it remembers", async () => {
    // The policy changes while no webhook reaches the app: only the remembered one could say otherwise.
    const target = world.github.webhooks.target;
    world.github.webhooks.target = undefined;
    world.github.push({
      owner: "acme",
      repo: ".github",
      files: {
        ".github/jfrog-oidc.yml": stringify({
          ...POLICY,
          token: { scope: "groups", groups: ["ci-deployers"] },
        }),
      },
      as: "octocat",
    });
    world.github.webhooks.target = target;
    clock.advance(1_000);
    world.github.createRepository({ owner: "acme", name: "checkout", files: { "package.json": "{}\n" } });
    await runFor(1);
    const [mapping] = mappingsFor(world, world.github.repository("acme", "checkout"));
    expect(mapping?.token_spec.scope).toBe('applied-permissions/groups:"ci-deployers"');
  });
});

describe("a backfill job carrying the scan's observation", () => {
  /** What a scan saw of `repo` before the app touched it: no mapping, no branch, no PR. */
  const factsBeforeOnboarding = (repo: RepoSnapshot): RepoFacts => ({
    id: repo.id,
    ownerId: repo.ownerId,
    owner: "acme",
    name: repo.fullName.split("/")[1] ?? "",
    fullName: repo.fullName,
    defaultBranch: { name: repo.defaultBranch, oid: repo.branches[repo.defaultBranch] ?? "" },
    isArchived: false,
    isFork: false,
    visibility: "private",
    rootFiles: ["package.json"],
    workflowOnDefault: null,
    repoConfigText: null,
    disabledByCommand: false,
    onboardingBranch: null,
    pullRequests: [],
  });
  const inputs = {
    workflowPath: WORKFLOW_PATH,
    onboardingBranch: ONBOARDING_BRANCH,
    provider: "github-acme",
    projectKey: null,
  };
  const backfill = (repo: RepoSnapshot, observed: CarriedObservation): ReconcileJob => ({
    kind: "reconcile",
    installationId: world.installationId,
    reason: "sweep",
    priority: "backfill",
    repository: { owner: "acme", name: observed.repo.name, ownerId: repo.ownerId, repoId: repo.id },
    observed,
  });

  it.each([
    ["older than a sweep interval and a half hour", { ageMs: 6.5 * HOUR + 1, inputs: {} }],
    [
      "made under another workflow path",
      { ageMs: 0, inputs: { workflowPath: ".github/workflows/other.yml" } },
    ],
  ])(
    "reads the repository again when the observation is %s, and writes nothing it no longer needs",
    async (_, how) => {
      // billing was onboarded above: the carried facts (no PR, no mapping) are out of date.
      const repo = world.github.repository("acme", "billing");
      const mark = requestMark(world);
      const writesBefore = world.github.usage()["acme/billing"]?.contentRequests;
      await world.app.queue.add(
        backfill(repo, {
          atMs: clock.now() - how.ageMs,
          inputs: { ...inputs, ...how.inputs },
          repo: factsBeforeOnboarding(repo),
          mapping: null,
        }),
      );
      await runFor(0);
      const { github, jfrog } = requestsSince(world, mark);
      expect(github).toContain("POST /api/graphql");
      expect(jfrog).toContain(
        `GET /access/api/v1/oidc/github-acme/identity_mappings/gh-o${repo.ownerId}-r${repo.id}`,
      );
      expect(world.github.usage()["acme/billing"]?.contentRequests).toBe(writesBefore);
      expect(world.github.repository("acme", "billing").pulls).toHaveLength(1);
      expect(mappingsFor(world, repo)).toHaveLength(1);
    },
  );

  it("onboards from a fresh observation without reading the repository or its mapping", async () => {
    world.github.createRepository({
      owner: "acme",
      name: "quiet",
      files: { "package.json": "{}\n" },
      announce: false,
    });
    const repo = world.github.repository("acme", "quiet");
    const mark = requestMark(world);
    await world.app.queue.add(
      backfill(repo, { atMs: clock.now(), inputs, repo: factsBeforeOnboarding(repo), mapping: null }),
    );
    await runFor(1);
    expect(world.github.repository("acme", "quiet").pulls).toHaveLength(1);
    const { github, jfrog } = requestsSince(world, mark);
    expect(github.filter((r) => r.includes("/quiet") || r === "POST /api/graphql")).toEqual([
      "POST /repos/acme/quiet/git/refs",
      "POST /api/graphql",
      "POST /repos/acme/quiet/pulls",
    ]);
    expect(jfrog.filter((r) => r.includes("identity_mappings"))).toEqual([
      "POST /access/api/v1/oidc/github-acme/identity_mappings",
    ]);
  });
});
