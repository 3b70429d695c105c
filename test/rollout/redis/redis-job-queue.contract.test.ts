import { afterAll, beforeAll, beforeEach } from "vitest";
import { RedisJobQueue } from "../../../src/rollout/redis/redis-job-queue.js";
import { quietLog } from "../../support/quiet-log.js";
import { type RedisServer, startRedisServer } from "../../support/redis-server.js";
import { describeJobQueueContract } from "../contract/job-queue.contract.js";

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => server.stop());
beforeEach(async () => server.flush());

describeJobQueueContract("RedisJobQueue", async (setup) => {
  const connection = server.client();
  const queue = new RedisJobQueue({ connection, ...setup, log: quietLog(), lockMs: 2_000, lockRetryMs: 10 });
  let stopped = false;
  const stop = queue.stop.bind(queue);
  queue.stop = async (graceMs) => {
    stopped = true;
    await stop(graceMs);
  };
  return {
    queue,
    now: () => Date.now(),
    pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    close: async () => {
      if (!stopped) await stop(1_000);
    },
  };
});
