/**
 * What every `WriteBudget` (ports.ts) must do, whichever implementation runs: the in-process budget and the Redis
 * one both call `describeWriteBudgetContract` from their own test file. Time is a manual clock; the limits are
 * small so each window's edge is reached in a few calls.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { BudgetLimits } from "../../../src/rollout/memory-budget.js";
import type { WriteBudget } from "../../../src/rollout/ports.js";
import { ManualClock } from "../../support/manual-clock.js";

export type WriteBudgetFactory = (
  clock: ManualClock,
  limits: BudgetLimits,
) => WriteBudget | Promise<WriteBudget>;

const LIMITS: BudgetLimits = { perMinute: 10, perHour: 25, headroomPerMinute: 3, headroomPerHour: 5 };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const INSTALLATION = 7;

export function describeWriteBudgetContract(name: string, factory: WriteBudgetFactory): void {
  describe(`WriteBudget contract: ${name}`, () => {
    let clock: ManualClock;
    let budget: WriteBudget;
    beforeEach(async () => {
      clock = new ManualClock();
      budget = await factory(clock, LIMITS);
    });

    it("grants events up to the minute limit, then says when the oldest write leaves the window", async () => {
      const start = clock.now();
      expect(await budget.reserve(INSTALLATION, 4, "event")).toEqual({ granted: true });
      clock.advance(1_000);
      expect(await budget.reserve(INSTALLATION, 6, "event")).toEqual({ granted: true });
      expect(await budget.reserve(INSTALLATION, 1, "command")).toEqual({
        granted: false,
        retryAtMs: start + MINUTE,
      });
      // Five writes must age out for five more: the second batch's time.
      expect(await budget.reserve(INSTALLATION, 5, "event")).toEqual({
        granted: false,
        retryAtMs: start + 1_000 + MINUTE,
      });
      clock.advance(MINUTE - 1_000);
      expect(await budget.reserve(INSTALLATION, 4, "event")).toEqual({ granted: true });
    });

    it("counts a write from when it is sent, not from when it was reserved (GitHub counts it on arrival)", async () => {
      const start = clock.now();
      expect(await budget.reserve(INSTALLATION, 10, "event")).toEqual({ granted: true });
      clock.advance(30_000);
      for (let i = 0; i < 8; i++) await budget.sent(INSTALLATION);
      clock.advance(MINUTE - 30_000);
      // The two writes never sent age out from their reservation; the eight sent ones a minute after sending.
      expect(await budget.reserve(INSTALLATION, 2, "event")).toEqual({ granted: true });
      expect(await budget.reserve(INSTALLATION, 1, "event")).toEqual({
        granted: false,
        retryAtMs: start + 30_000 + MINUTE,
      });
      clock.advance(30_000);
      expect(await budget.reserve(INSTALLATION, 8, "event")).toEqual({ granted: true });
    });

    it("counts a write sent without a reservation from when it is sent", async () => {
      await budget.sent(INSTALLATION);
      expect(await budget.remaining(INSTALLATION)).toEqual({ perMinute: 9, perHour: 24 });
    });

    it("stops backfill short of the limit, keeping the headroom for events and commands", async () => {
      expect(await budget.reserve(INSTALLATION, 7, "backfill")).toEqual({ granted: true });
      const refused = await budget.reserve(INSTALLATION, 1, "backfill");
      expect(refused).toEqual({ granted: false, retryAtMs: clock.now() + MINUTE });
      expect(await budget.reserve(INSTALLATION, 2, "event")).toEqual({ granted: true });
      expect(await budget.reserve(INSTALLATION, 1, "command")).toEqual({ granted: true });
      expect(await budget.reserve(INSTALLATION, 1, "command")).toMatchObject({ granted: false });
    });

    it("caps the hour too, and answers with the moment enough of the hour's writes have aged out", async () => {
      const start = clock.now();
      for (let minute = 0; minute < 2; minute++) {
        expect(await budget.reserve(INSTALLATION, 10, "event")).toEqual({ granted: true });
        clock.advance(MINUTE);
      }
      expect(await budget.reserve(INSTALLATION, 5, "event")).toEqual({ granted: true });
      clock.advance(MINUTE);
      expect(await budget.reserve(INSTALLATION, 1, "event")).toEqual({
        granted: false,
        retryAtMs: start + HOUR,
      });
      expect(await budget.remaining(INSTALLATION)).toEqual({ perMinute: 10, perHour: 0 });
      clock.advance(start + HOUR - clock.now());
      expect(await budget.reserve(INSTALLATION, 10, "event")).toEqual({ granted: true });
    });

    it("lets a job that needs more than a whole window have an empty window to itself", async () => {
      expect(await budget.reserve(INSTALLATION, 12, "event")).toEqual({ granted: true });
      expect(await budget.reserve(INSTALLATION, 1, "event")).toMatchObject({ granted: false });
    });

    it("grants nothing-to-write at once, even with the budget spent", async () => {
      await budget.reserve(INSTALLATION, 10, "event");
      expect(await budget.reserve(INSTALLATION, 0, "backfill")).toEqual({ granted: true });
    });

    it("keeps one budget per installation", async () => {
      expect(await budget.reserve(INSTALLATION, 10, "event")).toEqual({ granted: true });
      expect(await budget.reserve(INSTALLATION + 1, 10, "event")).toEqual({ granted: true });
      expect(await budget.remaining(INSTALLATION + 1)).toEqual({ perMinute: 0, perHour: 15 });
      expect(await budget.remaining(INSTALLATION + 2)).toEqual({ perMinute: 10, perHour: 25 });
    });

    it("counts in scaled-down windows when the limits give them (the real-time Redis benchmark)", async () => {
      const scaled = await factory(clock, { ...LIMITS, minuteMs: 600, hourMs: 36_000 });
      const start = clock.now();
      expect(await scaled.reserve(INSTALLATION, 7, "backfill")).toEqual({ granted: true });
      expect(await scaled.reserve(INSTALLATION, 1, "backfill")).toEqual({
        granted: false,
        retryAtMs: start + 600,
      });
      clock.advance(600);
      expect(await scaled.remaining(INSTALLATION)).toEqual({ perMinute: 10, perHour: 18 });
      for (let i = 0; i < 13; i++) {
        expect(await scaled.reserve(INSTALLATION, 1, "backfill")).toEqual({ granted: true });
        clock.advance(600);
      }
      // 20 of the hour's 25 (5 are headroom): the scaled hour is full until the first batch leaves it.
      expect(await scaled.reserve(INSTALLATION, 1, "backfill")).toEqual({
        granted: false,
        retryAtMs: start + 36_000,
      });
      clock.advance(start + 36_000 - clock.now());
      expect(await scaled.reserve(INSTALLATION, 7, "backfill")).toEqual({ granted: true });
      expect(await scaled.remaining(INSTALLATION)).toEqual({ perMinute: 3, perHour: 5 });
    });

    it("reports what is left in both windows as writes age out", async () => {
      await budget.reserve(INSTALLATION, 3, "event");
      clock.advance(30_000);
      await budget.reserve(INSTALLATION, 2, "backfill");
      expect(await budget.remaining(INSTALLATION)).toEqual({ perMinute: 5, perHour: 20 });
      clock.advance(30_000);
      expect(await budget.remaining(INSTALLATION)).toEqual({ perMinute: 8, perHour: 20 });
      clock.advance(HOUR);
      expect(await budget.remaining(INSTALLATION)).toEqual({ perMinute: 10, perHour: 25 });
    });
  });
}
