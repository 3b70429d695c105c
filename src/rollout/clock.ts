/**
 * Clocks for the rollout (see ports.ts `Clock`): the system clock in production, and a virtual clock that tests
 * and the benchmark move by hand, so hours of budget windows, back-offs and sweeps pass in milliseconds.
 */
import type { Clock } from "./ports.js";

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    // A pending retry or sweep must not keep a stopping process alive.
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Time moves only when told to; due timers fire in time order as it moves. */
export class VirtualClock implements Clock {
  #ms: number;
  #seq = 0;
  #timers: PendingTimer[] = [];

  constructor(startMs: number = Date.UTC(2026, 0, 5, 9)) {
    this.#ms = startMs;
  }

  readonly now = (): number => this.#ms;

  /** For the emulators, which take `now: () => Date`. */
  readonly date = (): Date => new Date(this.#ms);

  readonly setTimer = (fn: () => void, ms: number): { cancel(): void } => {
    const timer = { at: this.#ms + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
      },
    };
  };

  get pending(): number {
    return this.#timers.length;
  }

  /** When the next timer is due, or undefined when none is pending. */
  nextDueMs(): number | undefined {
    let next: number | undefined;
    for (const t of this.#timers) if (next === undefined || t.at < next) next = t.at;
    return next;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError("VirtualClock.advance: ms must be ≥ 0");
    this.advanceTo(this.#ms + ms);
  }

  advanceTo(targetMs: number): void {
    for (;;) {
      const due = this.#timers
        .filter((t) => t.at <= targetMs)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#ms = Math.max(this.#ms, due.at);
      due.fn();
    }
    this.#ms = Math.max(this.#ms, targetMs);
  }

  /** Fires every pending timer now-or-later by jumping to each in turn (a test's "let later happen"). */
  fireAll(): void {
    const last = Math.max(this.#ms, ...this.#timers.map((t) => t.at));
    this.advanceTo(last);
  }
}
