/**
 * A clock tests and benchmarks can move by hand: an hour of GitHub's secondary-limit windows passes in one call
 * instead of an hour. Emulators take `now: () => Date`; pass `clock.now`.
 */
export class ManualClock {
  #ms: number;

  constructor(start: Date = new Date()) {
    this.#ms = start.getTime();
  }

  readonly now = (): Date => new Date(this.#ms);

  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0))
      throw new RangeError("ManualClock.advance: ms must be a finite number ≥ 0");
    this.#ms += ms;
  }
}
