import { describe, expect, it } from "vitest";
import { etaMs } from "../../../src/rollout/dashboard/eta.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const full = { limits: { perMinute: 80, perHour: 500 }, remaining: { perMinute: 80, perHour: 500 } };

describe("ETA from the content budget", () => {
  it("is zero for nothing to write, and for what fits in this minute", () => {
    expect(etaMs(0, full)).toBe(0);
    expect(etaMs(80, full)).toBe(0);
  });

  it("paces what fits in this hour by the minute window", () => {
    // 80 now, 80 at +1 min, 80 at +2 min: the 200th write starts at +2 min.
    expect(etaMs(200, full)).toBe(2 * MIN);
    expect(etaMs(200, { ...full, remaining: { perMinute: 10, perHour: 500 } })).toBe(3 * MIN);
  });

  it("spills what this hour cannot take into the next hours: 1,000 repositories × 4 writes ≈ the 8 h floor", () => {
    // 500 now; 3,500 more need 7 hours; the last 500 take 7 minute windows (6 min after the hour starts).
    expect(etaMs(4_000, full)).toBe(7 * HOUR + 6 * MIN);
    // The floor of the benchmark: N × writes ÷ 500 an hour.
    expect(etaMs(4_000, full)).toBeLessThanOrEqual((4_000 / 500) * HOUR);
  });

  it("counts from what is left this hour", () => {
    const spent = { ...full, remaining: { perMinute: 80, perHour: 100 } };
    // 100 now; 400 in the next hour's window (5 minute windows: +4 min).
    expect(etaMs(500, spent)).toBe(HOUR + 4 * MIN);
  });

  it("never assumes more an hour than the minute window allows", () => {
    const tight = { limits: { perMinute: 2, perHour: 500 }, remaining: { perMinute: 2, perHour: 0 } };
    // 120 an hour at most; 240 writes → 2 hours of windows, the last one paced: 60 minute windows (+59 min).
    expect(etaMs(240, tight)).toBe(HOUR + HOUR + 59 * MIN);
  });

  it("counts in the budget's configured windows (a scaled-down GITHUB_WRITES_WINDOW), not in real minutes", () => {
    const scaled = { ...full, windows: { minute: 1_000, hour: 60_000 } };
    expect(etaMs(200, scaled)).toBe(2 * 1_000);
    expect(etaMs(4_000, scaled)).toBe(7 * 60_000 + 6 * 1_000);
  });
});
