/**
 * A policy preview at scale: 5,000 repositories with the longest names GitHub allows. The check run counts every
 * one of them, keeps only the first rows of each category, and stays inside GitHub's limits, which the emulator
 * enforces as GitHub does (a summary or text over 65,535 characters, or over 50 annotations, is a 422).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { stringify } from "yaml";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { testWorld } from "./helpers.js";

const REPOSITORIES = 5_000;
/** GitHub's longest repository name: 100 characters. */
const nameOf = (i: number) => `svc-${String(i).padStart(4, "0")}-`.padEnd(100, "x");

let world: World;
beforeAll(async () => {
  world = await testWorld({
    logLevel: "warn",
    existingRepositories: Array.from({ length: REPOSITORIES }, (_, i) => ({ name: nameOf(i) })),
  });
}, 120_000);
afterAll(() => world.close());

it(`previews a policy change over ${REPOSITORIES} repositories within GitHub's check-run limits`, async () => {
  // The PR excludes the first 1,000 repositories (svc-0…): they leave scope; the others stay.
  const policy = { ...defaultPolicy(), repositories: { exclude: ["docs", "svc-0*"] } };
  const headSha = world.github.push({
    owner: "acme",
    repo: ".github",
    branch: "narrow",
    files: { ".github/jfrog-oidc.yml": stringify(policy) },
    as: "octocat",
  });
  const graphqlBefore = world.github.requests.filter((r) => r.path.endsWith("/graphql")).length;
  world.github.openPullRequest("acme", ".github", { head: "narrow", title: "Narrow the scope" }, "octocat");
  await world.settle();

  const runs = world.github.repository("acme", ".github").checkRuns.filter((r) => r.headSha === headSha);
  expect(runs.map((r) => [r.name, r.conclusion, r.title])).toEqual([
    [
      "jfrog-oidc policy preview",
      "success",
      "5001 repositories: 0 entering scope, 1000 leaving; mappings +4000 ~0 -0; PRs +4000 ~0 -0",
    ],
  ]);
  const [run] = runs;
  expect(run?.summary).toContain("| Mappings to create | 4000 | 5000 | -1000 |");
  expect(run?.summary).toContain("| Onboarding PRs to open | 4000 | 5000 | -1000 |");
  expect(run?.summary).toContain("| Repositories leaving scope | 1000 |  |  |");
  const text = run?.text ?? "";
  expect(text.length).toBeLessThanOrEqual(65_535);
  expect(text).toContain("### Repositories leaving scope: 1000 (the first 20)");
  expect(text).toContain("### Mappings to create: 4000 (the first 20)");
  // The rows are the first ones GitHub lists (oldest first), each named in full.
  expect(text).toContain(`- \`acme/${nameOf(1000)}\`: \`mapping gh-o`);
  expect(text.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(60);
  // One GraphQL request per 100 repositories (the base and head policies observe the same things: one pass).
  const graphql = world.github.requests.filter((r) => r.path.endsWith("/graphql")).length - graphqlBefore;
  expect(graphql).toBe(Math.ceil((REPOSITORIES + 1) / 100));
}, 120_000);
