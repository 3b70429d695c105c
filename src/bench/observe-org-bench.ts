/**
 * Observing an organization in bulk against the GitHub emulator (GitHub's schema, graphql-js): the requests it
 * takes (target ⌈N/100⌉) and how long the emulator and the client take for 10,000 repositories. The emulator must
 * stay O(page) per request, or the rollout benchmarks built on it would measure the emulator instead of the app.
 */
import { generateKeyPairSync } from "node:crypto";
import { ProbotOctokit } from "probot";
import { observeOrganization } from "../github/observe-organization.js";
import { startGitHubEmulator } from "../sandbox/github/index.js";
import { atMost, type Row, rowsOf } from "./measure.js";

export async function benchObserveOrganization(count = 10_000): Promise<Row[]> {
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const github = await startGitHubEmulator();
  try {
    github.registerApp({
      id: 1,
      slug: "bench",
      publicKey,
      permissions: { contents: "read", metadata: "read", pull_requests: "read" },
      events: [],
    });
    github.createOrg("acme");
    for (let i = 0; i < count; i++)
      github.createRepository({
        owner: "acme",
        name: `repo-${i}`,
        files: { "package.json": "{}\n" },
        announce: false,
      });
    const installation = github.install("acme");
    const octokit = new ProbotOctokit({
      auth: { token: github.installationToken(installation.id) },
      baseUrl: github.apiUrl,
      throttle: { enabled: false },
    });
    const before = github.requests.length;
    const start = process.hrtime.bigint();
    let seen = 0;
    const target = {
      org: "acme",
      workflowPath: ".github/workflows/jfrog-oidc.yml",
      onboardingBranch: "jfrog-oidc/onboarding",
    };
    for await (const page of observeOrganization(octokit, target)) seen += page.length;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const requests = github.requests.length - before;
    return rowsOf(`observe organization (${count} repositories, emulator)`, [
      { metric: "repositories seen", value: seen, unit: "", target: `= ${count}`, met: seen === count },
      { metric: "GraphQL requests", value: requests, unit: "", ...atMost(requests, Math.ceil(count / 100)) },
      { metric: "wall time", value: seconds, unit: "s", ...atMost(seconds, 60) },
    ]);
  } finally {
    await github.close();
  }
}
