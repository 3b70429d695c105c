/**
 * Whether the shared Redis answers, for `/readyz` and the `redis_up` metric (Redis mode only). A replica whose
 * Redis is gone can take no job, reserve no write and run no sweep: it must not take deliveries either, so the
 * orchestrator routes them to a replica that can. A PING bounded by a timeout, since ioredis queues commands while
 * it reconnects (`maxRetriesPerRequest: null`) and a PING would otherwise wait as long as the outage.
 */
import type { Redis } from "ioredis";

export const REDIS_PING_TIMEOUT_MS = 1_000;

export interface RedisHealth {
  ok: boolean;
  /** Why not, for the operator (never the URL: it may hold a password). */
  reason?: string;
}

export async function pingRedis(
  redis: Pick<Redis, "ping" | "status">,
  timeoutMs = REDIS_PING_TIMEOUT_MS,
): Promise<RedisHealth> {
  // Not connected: say so at once instead of queueing a PING behind the reconnection.
  if (redis.status !== "ready") return { ok: false, reason: `redis: not connected (${redis.status})` };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<RedisHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `redis: no answer to PING within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const ping = redis.ping().then(
    (): RedisHealth => ({ ok: true }),
    (error: unknown): RedisHealth => ({ ok: false, reason: `redis: ${(error as Error).message}` }),
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
