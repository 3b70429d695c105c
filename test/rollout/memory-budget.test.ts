import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { InMemoryWriteBudget } from "../../src/rollout/memory-budget.js";

const LIMITS = { perMinute: 10, perHour: 30, headroomPerMinute: 2, headroomPerHour: 5 };

describe("InMemoryWriteBudget", () => {
  it("grants whole reservations until the minute is spent, then says when it frees", async () => {
    const clock = new VirtualClock();
    const budget = new InMemoryWriteBudget(clock, LIMITS);
    const start = clock.now();
    expect(await budget.reserve(1, 4, "event")).toEqual({ granted: true });
    clock.advance(10_000);
    expect(await budget.reserve(1, 4, "event")).toEqual({ granted: true });
    // 8 spent; 3 more would make 11 > 10: refused as a whole, nothing taken.
    expect(await budget.reserve(1, 3, "event")).toEqual({ granted: false, retryAtMs: start + 60_000 });
    expect(await budget.remaining(1)).toEqual({ perMinute: 2, perHour: 22 });
    clock.advance(50_000);
    expect(await budget.reserve(1, 3, "event")).toEqual({ granted: true });
  });

  it("scales both windows with minuteMs (a real-time test run): the same limits per second and per minute", async () => {
    const clock = new VirtualClock();
    const budget = new InMemoryWriteBudget(clock, { ...LIMITS, minuteMs: 1_000 });
    const start = clock.now();
    expect(await budget.reserve(1, 10, "event")).toEqual({ granted: true });
    expect(await budget.reserve(1, 1, "event")).toEqual({ granted: false, retryAtMs: start + 1_000 });
    clock.advance(1_000);
    expect(await budget.reserve(1, 10, "event")).toEqual({ granted: true });
    clock.advance(1_000);
    expect(await budget.reserve(1, 10, "event")).toEqual({ granted: true });
    clock.advance(1_000);
    // 30 in the scaled hour (60 s): full until the first of them is a minute old.
    expect(await budget.reserve(1, 1, "event")).toEqual({ granted: false, retryAtMs: start + 60_000 });
    expect(await budget.remaining(1)).toEqual({ perMinute: 10, perHour: 0 });
  });

  it("keeps a headroom backfill cannot use, so events and commands are served at once", async () => {
    const clock = new VirtualClock();
    const budget = new InMemoryWriteBudget(clock, LIMITS);
    expect(await budget.reserve(1, 8, "backfill")).toEqual({ granted: true });
    expect((await budget.reserve(1, 1, "backfill")).granted).toBe(false);
    expect(await budget.reserve(1, 1, "event")).toEqual({ granted: true });
    expect(await budget.reserve(1, 1, "command")).toEqual({ granted: true });
    expect((await budget.reserve(1, 1, "command")).granted).toBe(false);
  });

  it("counts each installation apart", async () => {
    const clock = new VirtualClock();
    const budget = new InMemoryWriteBudget(clock, LIMITS);
    expect(await budget.reserve(1, 10, "event")).toEqual({ granted: true });
    expect(await budget.reserve(2, 10, "event")).toEqual({ granted: true });
  });

  it("paces a long backfill at the hourly limit less the headroom", async () => {
    const clock = new VirtualClock();
    const budget = new InMemoryWriteBudget(clock, LIMITS);
    const granted: number[] = [];
    // Ask for 3 writes (one PR) whenever the budget says it frees, for 3 hours.
    const end = clock.now() + 3 * 3_600_000;
    while (clock.now() < end) {
      const answer = await budget.reserve(1, 3, "backfill");
      if (answer.granted) granted.push(clock.now());
      else clock.advanceTo(answer.retryAtMs);
    }
    // 25 backfill writes an hour (30 - 5): 8 PRs of 3 writes per hour, never more in any hour.
    for (const t of granted)
      expect(granted.filter((u) => u > t - 3_600_000 && u <= t).length * 3).toBeLessThanOrEqual(25);
    expect(granted.length).toBeGreaterThanOrEqual(3 * 8);
  });

  it("refuses a headroom as large as the limit", () => {
    expect(() => new InMemoryWriteBudget(new VirtualClock(), { ...LIMITS, headroomPerMinute: 10 })).toThrow(
      /headroom/,
    );
  });
});
