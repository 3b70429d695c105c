/** A realistic rollout of `acme` for the dashboard tests; fresh objects on every call. */
import type { PlanState } from "../../../src/reconcile/plan.js";
import type { RepositoryStanding, RolloutInput } from "../../../src/rollout/dashboard/summary.js";

export const NOW = Date.UTC(2026, 10, 27, 14, 5, 30);

export function repo(id: number, name: string) {
  return { owner: "acme", name, ownerId: 5, repoId: id };
}

function many(state: PlanState, n: number, firstId: number, prefix: string): RepositoryStanding[] {
  return Array.from({ length: n }, (_, i) => ({ ref: repo(firstId + i, `${prefix}-${i}`), state }));
}

export function rolloutInput(overrides: Partial<RolloutInput> = {}): RolloutInput {
  return {
    org: "acme",
    repositories: [
      ...many("onboarded", 120, 1000, "svc"),
      ...many("pull-request-open", 40, 2000, "lib"),
      ...many("pending", 300, 3000, "app"),
      ...many("waiting-first-push", 3, 4000, "new"),
      ...many("opted-out", 7, 5000, "legacy"),
      ...many("excluded", 25, 6000, "archive"),
      { ref: repo(7001, "payments"), plan: { state: "pending", notes: [] } },
      { ref: repo(7002, "web-ui"), plan: { state: "pending", notes: [] } },
      {
        ref: repo(7003, "docs-site"),
        plan: {
          state: "declined",
          notes: [
            "the onboarding PR #12 was closed without the workflow reaching the default branch: the repository " +
              "declined, no new PR until someone asks (`/jfrog-oidc setup`)",
          ],
        },
      },
      {
        ref: repo(7004, "infra"),
        plan: {
          state: "blocked",
          notes: ["the repository's .github/jfrog-oidc.yml is invalid: nothing changes until it is fixed"],
        },
      },
      { ref: repo(7005, "moved-away"), state: "gone" },
    ],
    failures: [
      { ref: repo(7001, "payments"), error: "JFrog answered 503 Service Unavailable", at: NOW - 3_600_000 },
      {
        ref: repo(7002, "web-ui"),
        error: "GitHub: Resource not accessible by integration `@everyone` <img src=x>",
        at: NOW - 60_000,
      },
    ],
    paused: false,
    existingConsent: true,
    budget: { limits: { perMinute: 72, perHour: 450 }, remaining: { perMinute: 72, perHour: 200 } },
    typicalWritesPerRepository: 4,
    now: NOW,
    ...overrides,
  };
}
