/**
 * Onboarding N repositories through the real app against the local emulators: what each repository costs in
 * GitHub and JFrog requests (GitHub's content budget is 80 writes a minute and 500 an hour), how long the org
 * takes end to end on this machine, and the memory it holds.
 */
import { startWorld } from "../sandbox/world.js";
import { atMost, heapUsedBytes, type Row, rowsOf } from "./measure.js";

export async function benchOnboarding(repositories = 60): Promise<Row[]> {
  // No labels or reviewers: the minimum an onboarding needs (branch, commit, PR).
  const world = await startWorld({
    policy: {
      provider: { name: "github-acme", audience: "jfrog-github" },
      token: { scope: "groups", groups: ["ci-readers"] },
    },
    limits: { perMinute: 1_000_000, perHour: 1_000_000 },
    // What one onboarding costs, not the pace (rollout-bench.ts measures that on a virtual clock).
    budgetLimits: { perMinute: 1_000_000, perHour: 1_000_000, headroomPerMinute: 0, headroomPerHour: 0 },
  });
  try {
    const heapBefore = heapUsedBytes();
    const start = performance.now();
    for (let i = 0; i < repositories; i++)
      world.github.createRepository({
        owner: world.org,
        name: `service-${i}`,
        files: { "package.json": "{}\n" },
      });
    await world.settle();
    const elapsedMs = performance.now() - start;
    const heapAfter = heapUsedBytes();

    const usage = Object.entries(world.github.usage()).filter(([name]) => name.includes("/service-"));
    const onboarded = usage.length;
    const perRepo = (pick: (u: (typeof usage)[number][1]) => number) =>
      usage.reduce((sum, [, u]) => sum + pick(u), 0) / Math.max(1, onboarded);
    const jfrogPerRepo = world.jfrog.requests.length / repositories;
    const openPulls = Array.from(
      { length: repositories },
      (_, i) => world.github.repository(world.org, `service-${i}`).pulls.length,
    ).filter((count) => count === 1).length;
    const githubPerRepo = perRepo((u) => u.requests);
    const writesPerRepo = perRepo((u) => u.contentRequests);
    return rowsOf(`onboard ${repositories} repos`, [
      {
        metric: "repositories with one PR",
        value: openPulls,
        unit: "",
        target: `= ${repositories}`,
        met: openPulls === repositories,
      },
      {
        metric: "GitHub requests per repository",
        value: githubPerRepo,
        unit: "",
        ...atMost(githubPerRepo, 6),
      },
      {
        metric: "content-generating per repository",
        value: writesPerRepo,
        unit: "",
        ...atMost(writesPerRepo, 3),
      },
      {
        metric: "JFrog requests per repository",
        value: jfrogPerRepo,
        unit: "",
        ...atMost(jfrogPerRepo, 2.5),
      },
      {
        metric: "repositories per hour under 500 writes/h",
        value: Math.floor(500 / writesPerRepo),
        unit: "/h",
      },
      {
        metric: "wall time per repository (local)",
        value: elapsedMs / repositories,
        unit: "ms",
        ...atMost(elapsedMs / repositories, 250),
      },
      {
        metric: "heap growth per repository (app + emulators)",
        value: Math.max(0, heapAfter - heapBefore) / repositories / 1024,
        unit: "KiB",
      },
    ]);
  } finally {
    await world.close();
  }
}
