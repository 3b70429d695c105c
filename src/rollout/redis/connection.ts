/**
 * One Redis connection from REDIS_URL (Probot's convention: a `redis://` URL, or a unix socket path). BullMQ's
 * workers block on it, so commands must wait for a reconnect instead of failing after a few retries
 * (https://docs.bullmq.io/guide/going-to-production#maxretriesperrequest).
 */
import { Redis } from "ioredis";

export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}
