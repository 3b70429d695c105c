import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ISSUE_BODY_LIMIT, renderDashboard } from "../../../src/rollout/dashboard/render-dashboard.js";
import { DASHBOARD_MARKER } from "../../../src/rollout/dashboard/retry-checkboxes.js";
import { type RepositoryStanding, summarizeRollout } from "../../../src/rollout/dashboard/summary.js";
import { NOW, repo, rolloutInput } from "./fixtures.js";

const golden = (name: string) => readFileSync(new URL(`./__golden__/${name}`, import.meta.url), "utf8");

describe("renderDashboard", () => {
  it("renders a realistic rollout exactly as the golden file", () => {
    expect(renderDashboard(summarizeRollout(rolloutInput()))).toBe(golden("acme-rollout.md"));
  });

  it("quotes what came from outside: no markup, mention or table break gets through", () => {
    const body = renderDashboard(summarizeRollout(rolloutInput()));
    // Inside a code span GitHub renders no HTML and no mention; the backticks around @everyone cannot close it.
    expect(body).toContain("`GitHub: Resource not accessible by integration '@everyone' <img src=x>`");
    expect(body.split("\n").filter((l) => l.includes("<img"))).toHaveLength(1);
    expect(body.startsWith(`${DASHBOARD_MARKER}\n`)).toBe(true);
  });

  it("says when the rollout is paused and when existing repositories have no consent", () => {
    const body = renderDashboard(summarizeRollout(rolloutInput({ paused: true, existingConsent: false })));
    expect(body).toContain("**Paused.**");
    expect(body).toContain("**no consent yet**");
    expect(body).toContain("**ETA:** none while paused.");
  });

  it("stays within GitHub's issue body limit with 10,000 failing repositories, and says how many are not shown", () => {
    const repositories: RepositoryStanding[] = Array.from({ length: 10_000 }, (_, i) => ({
      ref: repo(100_000 + i, `service-with-a-rather-long-name-${i}`),
      state: "pending",
    }));
    const failures = repositories.map((r) => ({ ref: r.ref, error: "x".repeat(500), at: NOW }));
    const body = renderDashboard(summarizeRollout(rolloutInput({ repositories, failures })));
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_LIMIT);
    const shown = body.split("\n").filter((l) => l.startsWith("- [ ] ")).length;
    expect(shown).toBeGreaterThan(100);
    expect(body).toContain(`_…and ${(10_000 - shown).toLocaleString("en-US")} more not shown`);
  });
});
