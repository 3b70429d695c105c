/** The pure planner, workflow rendering included: the CPU cost of deciding what one repository needs. */
import { applyRepoConfig } from "../config/narrowing-guard.js";
import { policySchema } from "../config/policy-schema.js";
import type { RepoFacts } from "../github/repo-facts.js";
import { plan } from "../reconcile/plan.js";
import { atMost, type Row, rowsOf, timeEach } from "./measure.js";

const policy = policySchema.parse({
  provider: { name: "github-acme", audience: "jfrog-github" },
  token: { scope: "groups", groups: ["ci-readers"] },
  claims: { ref: ["$default", "refs/tags/v*"] },
  pullRequest: { labels: ["jfrog-oidc"], reviewers: ["mona"] },
});

function facts(i: number): RepoFacts {
  return {
    id: 1000 + i,
    ownerId: 5,
    owner: "acme",
    name: `repo-${i}`,
    fullName: `acme/repo-${i}`,
    defaultBranch: { name: "main", oid: "a".repeat(40) },
    isArchived: false,
    isFork: false,
    visibility: "private",
    rootFiles: [["package.json"], ["pom.xml"], ["go.mod"], ["Dockerfile"], ["README.md"]][i % 5] ?? [],
    workflowOnDefault: null,
    repoConfigText: i % 3 === 0 ? "claims:\n  environment: [production]\n" : null,
    disabledByCommand: false,
    onboardingBranch: null,
    pullRequests: [],
  };
}

export function benchPlan(count = 2000): Row[] {
  let i = 0;
  const timing = timeEach(count, () => {
    const repo = facts(i++);
    const config = applyRepoConfig(policy, repo.repoConfigText, `${repo.fullName}:.github/jfrog-oidc.yml`);
    plan({ repo, config, mapping: null, jfrogUrl: "https://acme.jfrog.io" });
  });
  return rowsOf("plan (pure)", [
    {
      metric: "p50 per repository",
      value: timing.p50Ms,
      unit: "ms",
      ...atMost(timing.p50Ms, 2),
    },
    {
      metric: "p95 per repository",
      value: timing.p95Ms,
      unit: "ms",
      ...atMost(timing.p95Ms, 10),
    },
    {
      metric: "repositories per second",
      value: Math.round(count / (timing.totalMs / 1000)),
      unit: "/s",
    },
  ]);
}
