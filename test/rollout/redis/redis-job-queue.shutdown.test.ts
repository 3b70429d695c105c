/**
 * Stopping the Redis queue when Redis is gone (a shut-down server: ioredis keeps reconnecting and would hold every
 * command until it is back) must still end within the grace period, saying it could not hand the running jobs
 * back: an orchestrator kills a process that outstays its grace, and the jobs are durable in Redis anyway. A real
 * redis-server of its own, shut down under the running queue.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { JobHandler } from "../../../src/rollout/ports.js";
import { RedisJobQueue } from "../../../src/rollout/redis/redis-job-queue.js";
import { quietLog } from "../../support/quiet-log.js";
import { type RedisServer, startRedisServer } from "../../support/redis-server.js";
import { until } from "../../support/until.js";
import { reconcileJob } from "../contract/job-queue.contract.js";

const GRACE_MS = 1_500;
/** A stop that waited for Redis would never end: this only absorbs a loaded host. */
const SLACK_MS = 3_000;

let server: RedisServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe("RedisJobQueue.stop when Redis is gone", () => {
  it("ends within the grace period with jobs running, and says it could not hand them back", async () => {
    server = await startRedisServer();
    const connection = server.client();
    const log = quietLog();
    const queue = new RedisJobQueue({ connection, concurrency: 2, retryDelaysMs: [], log, lockMs: 30_000 });
    let running = 0;
    // A job that outlives the grace period (its own work never ends here).
    const handler: JobHandler = async () => {
      running += 1;
      return new Promise(() => {});
    };
    queue.start(handler);
    await queue.add(reconcileJob(1, "repository created"));
    await queue.add(reconcileJob(2, "repository created"));
    await until("both jobs run", () => running === 2);

    // Not awaited: the server exits before it answers, and the client would resend the command on reconnect.
    const admin = server.client();
    await admin.ping();
    void admin.call("SHUTDOWN", "NOSAVE").catch(() => {});
    await until("the queue's connection has lost Redis", () => connection.status !== "ready");

    const stopping = Date.now();
    await queue.stop(GRACE_MS);
    expect(Date.now() - stopping).toBeLessThan(GRACE_MS + SLACK_MS);
    expect(log.lines.filter((l) => l.level === "error").map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^could not hand running jobs back \(Redis does not answer\)/),
    );
    connection.disconnect();
  });
});
