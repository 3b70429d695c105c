import { describe, expect, it } from "vitest";
import { loadRolloutSettings } from "../../src/rollout/rollout-settings.js";

describe("rollout settings", () => {
  it("default to GitHub's limits with a headroom for events, a 6 h sweep and a 25 s shutdown grace", () => {
    expect(loadRolloutSettings({})).toEqual({
      budget: { perMinute: 80, perHour: 500, headroomPerMinute: 10, headroomPerHour: 20 },
      sweepIntervalMs: 6 * 3_600_000,
      shutdownGraceMs: 25_000,
      concurrency: 4,
    });
  });

  it("read durations and limits from the environment", () => {
    const settings = loadRolloutSettings({
      SWEEP_INTERVAL: "30m",
      SHUTDOWN_GRACE: "10s",
      GITHUB_WRITES_PER_HOUR: "300",
      GITHUB_WRITES_HEADROOM_PER_HOUR: "20",
    });
    expect(settings.sweepIntervalMs).toBe(1_800_000);
    expect(settings.shutdownGraceMs).toBe(10_000);
    expect(settings.budget).toMatchObject({ perHour: 300, headroomPerHour: 20 });
  });

  it.each([
    [
      { GITHUB_WRITES_PER_HOUR: "600" },
      'GITHUB_WRITES_PER_HOUR must be a whole number from 1 to 500 (got "600")',
    ],
    [{ SHUTDOWN_GRACE: "soon" }, 'SHUTDOWN_GRACE must be a duration such as 90s, 30m or 6h (got "soon")'],
    [
      { GITHUB_WRITES_PER_MINUTE: "10", GITHUB_WRITES_HEADROOM_PER_MINUTE: "10" },
      "GITHUB_WRITES_HEADROOM_PER_MINUTE/_PER_HOUR must be smaller than GITHUB_WRITES_PER_MINUTE/_PER_HOUR",
    ],
  ])("refuse %o with a message naming the variable", (env, message) => {
    expect(() => loadRolloutSettings(env)).toThrow(message);
  });
});
