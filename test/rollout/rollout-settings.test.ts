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

  it("read the settings that let tests run the app in real time: retry delays, Redis lock, budget window", () => {
    const settings = loadRolloutSettings({
      JOB_RETRY_DELAYS: "200ms, 1s,2m",
      REDIS_LOCK_DURATION: "1500ms",
      GITHUB_WRITES_WINDOW: "1s",
    });
    expect(settings.retryDelaysMs).toEqual([200, 1_000, 120_000]);
    expect(settings.redisLockMs).toBe(1_500);
    expect(settings.budget.minuteMs).toBe(1_000);
    // GitHub's own minute is no scaling at all.
    expect(loadRolloutSettings({ GITHUB_WRITES_WINDOW: "1m" }).budget).not.toHaveProperty("minuteMs");
  });

  it.each([
    [
      { JOB_RETRY_DELAYS: "30s,,2m" },
      'JOB_RETRY_DELAYS must be durations separated by commas, such as 30s,2m,10m (got "30s,,2m")',
    ],
    [{ GITHUB_WRITES_WINDOW: "2m" }, 'GITHUB_WRITES_WINDOW must be from 100ms to 1m (got "2m")'],
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
