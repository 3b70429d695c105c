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
  cancelled: boolean;
}

/** Time moves only when told to; due timers fire in time order (then in the order they were set) as it moves. */
export class VirtualClock implements Clock {
  #ms: number;
  #seq = 0;
  /** A binary min-heap on (at, seq); cancelled timers stay until they reach the top (lazy deletion). */
  #heap: PendingTimer[] = [];
  #live = 0;

  constructor(startMs: number = Date.UTC(2026, 0, 5, 9)) {
    this.#ms = startMs;
  }

  readonly now = (): number => this.#ms;

  /** For the emulators, which take `now: () => Date`. */
  readonly date = (): Date => new Date(this.#ms);

  readonly setTimer = (fn: () => void, ms: number): { cancel(): void } => {
    const timer: PendingTimer = { at: this.#ms + Math.max(0, ms), seq: this.#seq++, fn, cancelled: false };
    this.#push(timer);
    this.#live++;
    return {
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        // It stays in the heap until it reaches the top: let go of what it would have run (a stopped app's queue).
        timer.fn = noop;
        this.#live--;
      },
    };
  };

  get pending(): number {
    return this.#live;
  }

  /** When the next timer is due, or undefined when none is pending. */
  nextDueMs(): number | undefined {
    this.#dropCancelled();
    return this.#heap[0]?.at;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError("VirtualClock.advance: ms must be ≥ 0");
    this.advanceTo(this.#ms + ms);
  }

  advanceTo(targetMs: number): void {
    for (;;) {
      this.#dropCancelled();
      const due = this.#heap[0];
      if (!due || due.at > targetMs) break;
      this.#pop();
      due.cancelled = true;
      this.#live--;
      this.#ms = Math.max(this.#ms, due.at);
      due.fn();
    }
    this.#ms = Math.max(this.#ms, targetMs);
  }

  /** Fires every pending timer by jumping to each in turn (a test's "let later happen"). */
  fireAll(): void {
    let last = this.#ms;
    for (const t of this.#heap) if (!t.cancelled && t.at > last) last = t.at;
    this.advanceTo(last);
  }

  #dropCancelled(): void {
    while (this.#heap[0]?.cancelled) this.#pop();
  }

  #before(a: PendingTimer, b: PendingTimer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #push(timer: PendingTimer): void {
    const heap = this.#heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const [p, c] = [heap[parent], heap[i]];
      if (!p || !c || !this.#before(c, p)) break;
      heap[parent] = c;
      heap[i] = p;
      i = parent;
    }
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      const [li, ri, si] = [heap[l], heap[r], heap[smallest]];
      if (li && si && this.#before(li, si)) smallest = l;
      const s2 = heap[smallest];
      if (ri && s2 && this.#before(ri, s2)) smallest = r;
      if (smallest === i) return;
      const [a, b] = [heap[i], heap[smallest]];
      if (!a || !b) return;
      heap[i] = b;
      heap[smallest] = a;
      i = smallest;
    }
  }
}

const noop = (): void => {};
