import { describe, expect, it } from "vitest";
import { sameContent } from "../../../src/rollout/dashboard/dashboard-issue.js";
import { RolloutStandings, type Standing, settledState } from "../../../src/rollout/dashboard/standings.js";

const ref = (name: string, repoId: number) => ({ owner: "acme", name, ownerId: 1, repoId });
const standing = (name: string, repoId: number, state: Standing["state"]): Standing => ({
  ref: ref(name, repoId),
  state,
  isPublic: false,
});

describe("the rollout standings", () => {
  it("know nothing of an org before its first scan, and ignore finished jobs until then", () => {
    const standings = new RolloutStandings();
    expect(standings.update(standing("api", 10, "pull-request-open"))).toBe(false);
    expect(standings.of("acme")).toBeUndefined();
  });

  it("are replaced by a scan, then follow finished jobs, saying when a state changed", () => {
    const standings = new RolloutStandings();
    standings.replace("Acme", {
      policyConsent: true,
      at: 5,
      standings: [standing("api", 10, "pending"), standing("web", 11, "onboarded")],
    });
    expect(standings.update(standing("api", 10, "pull-request-open"))).toBe(true);
    expect(standings.update(standing("api", 10, "pull-request-open"))).toBe(false);
    // A rename keeps the repository's ids, so it is the same entry.
    expect(standings.update(standing("web-renamed", 11, "onboarded"))).toBe(false);
    expect(standings.update(standing("web-renamed", 11, "gone"))).toBe(true);
    const known = standings.of("acme");
    expect(known?.policyConsent).toBe(true);
    expect([...(known?.repositories.values() ?? [])].map((s) => [s.ref.name, s.state])).toEqual([
      ["api", "pull-request-open"],
    ]);
  });

  it("count a pending repository whose plan was applied as having its PR open", () => {
    expect(settledState({ state: "pending", actions: ["open the onboarding PR"] }, true)).toBe(
      "pull-request-open",
    );
    expect(settledState({ state: "pending", actions: ["open the onboarding PR"] }, false)).toBe("pending");
    expect(settledState({ state: "blocked", actions: [] }, true)).toBe("blocked");
  });
});

describe("whether a dashboard body changed", () => {
  it("ignores the 'Updated' footer alone, nothing else", () => {
    const body = (rows: string, at: string) => `marker\n${rows}\n\n---\n_Updated ${at} by the app; edits…_`;
    expect(sameContent(body("| a | 1 |", "10:00"), body("| a | 1 |", "10:05"))).toBe(true);
    expect(sameContent(body("| a | 1 |", "10:00"), body("| a | 2 |", "10:00"))).toBe(false);
  });
});
