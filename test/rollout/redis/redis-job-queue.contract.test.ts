import { RedisJobQueue } from "../../../src/rollout/redis/redis-job-queue.js";
import { quietLog } from "../../support/quiet-log.js";
import { useRedisServer } from "../../support/redis-server.js";
import { describeJobQueueContract, stopUnlessStopped } from "../contract/job-queue.contract.js";

const server = useRedisServer();

describeJobQueueContract("RedisJobQueue", async (setup) => {
  const connection = server.client();
  const queue = new RedisJobQueue({ connection, ...setup, log: quietLog(), lockMs: 2_000, lockRetryMs: 10 });
  return {
    queue,
    now: () => Date.now(),
    pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    close: stopUnlessStopped(queue, 1_000),
  };
});
