import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";

describe("VirtualClock", () => {
  it("fires due timers in time order, then in the order they were set, as time moves", () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push("c@30"), 30);
    clock.setTimer(() => fired.push("a@10"), 10);
    clock.setTimer(() => fired.push("b@10"), 10);
    const cancelled = clock.setTimer(() => fired.push("x@20"), 20);
    cancelled.cancel();
    expect(clock.pending).toBe(3);
    expect(clock.nextDueMs()).toBe(10);
    clock.advance(15);
    expect(fired).toEqual(["a@10", "b@10"]);
    expect(clock.now()).toBe(15);
    clock.fireAll();
    expect(fired).toEqual(["a@10", "b@10", "c@30"]);
    expect(clock.now()).toBe(30);
    expect(clock.pending).toBe(0);
    expect(clock.nextDueMs()).toBeUndefined();
  });

  it("fires a timer set by a firing timer when it falls due within the same advance", () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.setTimer(() => {
      fired.push(clock.now());
      clock.setTimer(() => fired.push(clock.now()), 5);
    }, 5);
    clock.advance(20);
    expect(fired).toEqual([5, 10]);
  });
});
