/**
 * A policy preview that cannot be computed fails closed: when JFrog's mapping listing keeps failing past the queue's
 * retries, the pull request gets a failed `jfrog-oidc policy preview` check run saying so and how to run it again,
 * rather than no check at all (which a reviewer would read as "nothing to preview"). Nothing else is written.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { stringify } from "yaml";
import { VirtualClock } from "../../src/rollout/clock.js";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { requestMark, requestsSince, testWorld } from "./helpers.js";

const CHECK = "jfrog-oidc policy preview";
const timers = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({
    clock: timers,
    now: timers.date,
    retryDelaysMs: [30_000],
    existingRepositories: [{ name: "billing" }],
  });
  await world.settle();
});
afterAll(() => world.close());

it("fails the preview check on the PR head once JFrog's listing failed past every retry, writing nothing else", async () => {
  const listing = world.jfrog.faults.add({ method: "GET", pathPattern: /\/identity_mappings$/, status: 503 });
  const policy = { ...defaultPolicy(), repositories: { exclude: ["billing"] } };
  const headSha = world.github.push({
    owner: "acme",
    repo: ".github",
    branch: "scope",
    files: { ".github/jfrog-oidc.yml": stringify(policy) },
    as: "octocat",
  });
  const mark = requestMark(world);
  world.github.openPullRequest("acme", ".github", { head: "scope", title: "Exclude billing" }, "octocat");
  await world.settle();
  const previewRuns = () =>
    world.github
      .repository("acme", ".github")
      .checkRuns.filter((r) => r.name === CHECK && r.headSha === headSha);

  // The first attempt failed: it is retried, and no verdict is written yet.
  expect(listing.hits).toBeGreaterThan(0);
  expect(previewRuns()).toEqual([]);

  timers.fireAll();
  await world.settle();

  const runs = previewRuns();
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({
    conclusion: "failure",
    title: "The policy preview could not be computed",
    annotations: [],
  });
  const summary = runs[0]?.summary ?? "";
  expect(summary).toContain("JFrog was unavailable (HTTP 503), and retrying did not help");
  expect(summary).toContain("do not merge it on trust");
  expect(summary).toContain("push a new commit to this pull request (or close and reopen it)");
  // The error's own text is not echoed.
  expect(summary).not.toMatch(/identity_mappings|Service Unavailable|JFrogError/i);

  const { github, jfrog } = requestsSince(world, mark);
  expect(github.filter((r) => !r.startsWith("GET ") && !r.endsWith("/graphql"))).toEqual([
    "POST /repos/acme/.github/check-runs",
  ]);
  expect(jfrog.filter((r) => !r.startsWith("GET "))).toEqual([]);
  expect(world.app.composed.failures.list()).toEqual([
    expect.objectContaining({ job: expect.objectContaining({ kind: "policy-preview" }) }),
  ]);
});
