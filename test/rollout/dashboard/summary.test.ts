import { describe, expect, it } from "vitest";
import { describeSummary } from "../../../src/rollout/dashboard/describe-summary.js";
import { summarizeRollout } from "../../../src/rollout/dashboard/summary.js";
import { NOW, repo, rolloutInput } from "./fixtures.js";

describe("summarizeRollout", () => {
  it("counts every repository once by state, a given-up job overriding its plan, the gone ones not at all", () => {
    const s = summarizeRollout(rolloutInput());
    expect(s.counts).toEqual({
      onboarded: 120,
      "pull-request-open": 40,
      "waiting-first-push": 3,
      declined: 1,
      "opted-out": 7,
      excluded: 25,
      failing: 2,
      blocked: 1,
      pending: 300,
    });
    // In scope: everything but opted out and excluded (467); settled: onboarded + PR open + declined (161).
    expect(s.progress).toEqual({ settled: 161, inScope: 467, percent: 34 });
    expect(s.remaining).toBe(302);
  });

  it("lists failing repositories first, then blocked, then declined, each with its reason", () => {
    const s = summarizeRollout(rolloutInput());
    expect(s.attention.map((r) => [r.ref.name, r.state])).toEqual([
      ["payments", "failing"],
      ["web-ui", "failing"],
      ["infra", "blocked"],
      ["docs-site", "declined"],
    ]);
    expect(s.attention[0]).toMatchObject({
      reason: "JFrog answered 503 Service Unavailable",
      since: NOW - 3_600_000,
    });
    expect(s.attention[2]?.reason).toMatch(/jfrog-oidc\.yml is invalid/);
  });

  it("finds a failure recorded by name for a repository known by ids", () => {
    const s = summarizeRollout(
      rolloutInput({
        repositories: [{ ref: repo(1, "api"), state: "pending" }],
        failures: [{ ref: { owner: "ACME", name: "Api" }, error: "boom", at: NOW }],
      }),
    );
    expect(s.counts.failing).toBe(1);
    expect(s.counts.pending).toBe(0);
  });

  it("estimates the time left from the budget: remaining repositories × writes each", () => {
    const s = summarizeRollout(rolloutInput());
    // 302 × 4 = 1,208 writes; 200 this hour, then 450 an hour: 1,008 → 3 hours, the last 108 over 2 minute windows.
    expect(s.eta).toEqual({ kind: "estimate", writes: 1_208, ms: 3 * 3_600_000 + 60_000 });
  });

  it("gives no estimate while paused, without consent, or when nothing is left", () => {
    expect(summarizeRollout(rolloutInput({ paused: true })).eta).toEqual({ kind: "paused" });
    expect(summarizeRollout(rolloutInput({ existingConsent: false })).eta).toEqual({
      kind: "awaiting-consent",
    });
    const done = summarizeRollout(
      rolloutInput({ repositories: [{ ref: repo(1, "api"), state: "onboarded" }], failures: [] }),
    );
    expect(done.eta).toEqual({ kind: "done" });
    expect(done.progress).toEqual({ settled: 1, inScope: 1, percent: 100 });
  });
});

describe("the ETA's writes", () => {
  it("add up what each remaining repository's plan reserves; one never counted is taken at their average", () => {
    const summary = summarizeRollout(
      rolloutInput({
        repositories: [
          { ref: repo(1, "api"), state: "pending", writes: 3 },
          { ref: repo(2, "web"), state: "pending", writes: 3 },
          { ref: repo(3, "ops"), state: "pending", writes: 6 },
          { ref: repo(4, "done"), state: "onboarded" },
          // Given up before any plan of it was seen: no count.
          { ref: repo(5, "payments"), state: "pending" },
        ],
        failures: [{ ref: repo(5, "payments"), error: "JFrog answered 503", at: NOW }],
      }),
    );
    expect(summary.eta).toMatchObject({ kind: "estimate", writes: 16 });
    expect(summary.writesPerRepository).toBe(4);
    expect(describeSummary(summary)).toContain("ETA: under a minute: 16 content writes (4 per repository)");
  });

  it("take the typical onboarding only when no remaining repository was counted", () => {
    const summary = summarizeRollout(
      rolloutInput({ repositories: [{ ref: repo(1, "api"), state: "pending" }], failures: [] }),
    );
    expect(summary.eta).toMatchObject({ kind: "estimate", writes: 4 });
  });

  it("say how long a scaled-down budget's windows are", () => {
    const budget = {
      limits: { perMinute: 72, perHour: 450 },
      remaining: { perMinute: 72, perHour: 200 },
      windows: { minute: 1_000, hour: 60_000 },
    };
    expect(describeSummary(summarizeRollout(rolloutInput({ budget })))).toContain(
      "at 450 per 60 s and 72 per 1 s; 200 left this hour.",
    );
  });
});

describe("describeSummary", () => {
  it("answers `rollout status` with the dashboard's numbers", () => {
    expect(describeSummary(summarizeRollout(rolloutInput()))).toBe(
      [
        "Rollout in `acme`: running; existing repositories consented to.",
        "161 of 467 in scope settled (34%): 120 onboarded, 40 with the PR open, 1 declined.",
        "Still to do: 300 pending, 2 failing, 1 blocked, 3 waiting for a first push. Out of scope: 7 opted out, 25 excluded.",
        "ETA: about 3 h 1 min: 1,208 content writes (4 per repository) at 450 an hour and 72 a minute; 200 left this hour.",
      ].join("\n"),
    );
  });
});
