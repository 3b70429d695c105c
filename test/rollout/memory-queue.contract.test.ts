/** The in-process queue meets the same JobQueue contract as the Redis one (test/rollout/redis/…contract.test.ts). */
import { VirtualClock } from "../../src/rollout/clock.js";
import { InMemoryJobQueue } from "../../src/rollout/memory-queue.js";
import { quietLog } from "../support/quiet-log.js";
import { describeJobQueueContract, stopUnlessStopped } from "./contract/job-queue.contract.js";
import { tick } from "./queue-fixtures.js";

describeJobQueueContract("InMemoryJobQueue", async (setup) => {
  const clock = new VirtualClock();
  const queue = new InMemoryJobQueue({ ...setup, clock, log: quietLog() });
  return {
    queue,
    now: clock.now,
    // The queue runs on the virtual clock: move it, then let the runs it started make progress.
    pass: async (ms) => {
      clock.advance(ms);
      await tick();
    },
    close: stopUnlessStopped(queue, 0),
  };
});
