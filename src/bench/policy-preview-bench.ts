/**
 * The cost of one org-wide policy preview (issue 10): a pull request in the org's `.github` repository changes the
 * policy of an org of N repositories; the real app, driven by the webhook, previews it against the emulators.
 * GitHub requests (target: ⌈N/100⌉ GraphQL pages and a handful of REST calls), JFrog requests (the integration
 * and one mapping listing), the wall time from the PR to its check run, and the check run's size.
 */
import { stringify } from "yaml";
import { POLICY_PREVIEW_CHECK_NAME } from "../github/preview-check-run.js";
import { defaultPolicy, startWorld } from "../sandbox/world.js";
import { atMost, heapUsedBytes, type Row, rowsOf } from "./measure.js";

export async function benchPolicyPreview(repositories = 10_000): Promise<Row[]> {
  const world = await startWorld({
    logLevel: "warn",
    existingRepositories: Array.from({ length: repositories }, (_, i) => ({ name: `service-${i}` })),
  });
  try {
    // The PR moves a tenth of the org out of scope; the rest would get a mapping and an onboarding PR.
    const policy = { ...defaultPolicy(), repositories: { exclude: ["docs", "service-*0"] } };
    const headSha = world.github.push({
      owner: world.org,
      repo: ".github",
      branch: "policy-change",
      files: { ".github/jfrog-oidc.yml": stringify(policy) },
      as: "octocat",
    });
    const github = world.github.requests.length;
    const jfrog = world.jfrog.requests.length;
    const heapBefore = heapUsedBytes();
    const start = performance.now();
    world.github.openPullRequest(world.org, ".github", { head: "policy-change", title: "Policy" }, "octocat");
    await world.settle();
    const seconds = (performance.now() - start) / 1000;
    const heapMiB = (heapUsedBytes() - heapBefore) / 2 ** 20;

    const requests = world.github.requests.slice(github).filter((r) => !r.path.endsWith("/access_tokens"));
    const graphql = requests.filter((r) => r.path.endsWith("/graphql")).length;
    const rest = requests.length - graphql;
    const jfrogRequests = world.jfrog.requests.length - jfrog;
    const run = world.github
      .repository(world.org, ".github")
      .checkRuns.find((r) => r.headSha === headSha && r.name === POLICY_PREVIEW_CHECK_NAME);
    const counted = Number(run?.title?.match(/^(\d+) repositories/)?.[1] ?? 0);
    const size = Math.max(run?.summary?.length ?? 0, run?.text?.length ?? 0);
    const pages = Math.ceil((repositories + 1) / 100);
    return rowsOf(`policy preview (${repositories} repositories, emulators)`, [
      {
        metric: "repositories in the check run",
        value: counted,
        unit: "",
        target: `= ${repositories + 1}`,
        met: counted === repositories + 1,
      },
      { metric: "GitHub GraphQL requests", value: graphql, unit: "", ...atMost(graphql, pages) },
      // The PR's files, the policy at the head and at the base, the check run (the workflow audit's file list too).
      { metric: "GitHub REST requests", value: rest, unit: "", ...atMost(rest, 6) },
      { metric: "JFrog requests", value: jfrogRequests, unit: "", ...atMost(jfrogRequests, 2) },
      { metric: "wall time, PR opened to check run", value: seconds, unit: "s", ...atMost(seconds, 120) },
      { metric: "largest output field", value: size, unit: "chars", ...atMost(size, 65_535) },
      { metric: "heap retained", value: heapMiB, unit: "MiB" },
    ]);
  } finally {
    await world.close();
  }
}
