import { describe, expect, it } from "vitest";
import { sameContent } from "../../../src/rollout/dashboard/dashboard-issue.js";
import { settledState } from "../../../src/rollout/dashboard/standings.js";

// What the standings store does is in the contract (test/rollout/contract/dashboard-state.contract.ts).
describe("the rollout standings", () => {
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
