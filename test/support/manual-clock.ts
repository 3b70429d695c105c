/** A `Clock` (ports.ts) that moves only when a test says so; due timers fire in time order as it moves. */
import type { Clock } from "../../src/rollout/ports.js";

export class ManualClock implements Clock {
  #ms: number;
  #timers: Array<{ at: number; fn: () => void }> = [];

  constructor(startMs = Date.UTC(2026, 0, 5, 9)) {
    this.#ms = startMs;
  }

  now = (): number => this.#ms;

  setTimer = (fn: () => void, ms: number): { cancel(): void } => {
    const timer = { at: this.#ms + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
      },
    };
  };

  get pendingTimers(): number {
    return this.#timers.length;
  }

  advance(ms: number): void {
    const target = this.#ms + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#ms = Math.max(this.#ms, due.at);
      due.fn();
    }
    this.#ms = target;
  }
}
