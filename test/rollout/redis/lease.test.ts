import { describe, expect, it } from "vitest";
import { RedisLeases } from "../../../src/rollout/redis/lease.js";
import { useRedisServer } from "../../support/redis-server.js";
import { until } from "../../support/until.js";

const server = useRedisServer();

describe("RedisLeases", () => {
  it("gives a lease to exactly one of two replicas contending for it", async () => {
    const replicaA = new RedisLeases(server.client());
    const replicaB = new RedisLeases(server.client());
    const [a, b] = await Promise.all([replicaA.acquire("sweep", 60_000), replicaB.acquire("sweep", 60_000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it("frees the lease when its ttl runs out, so another replica takes over from a crashed holder", async () => {
    const leases = new RedisLeases(server.client());
    expect(await leases.acquire("sweep", 30)).toBeDefined();
    expect(await leases.acquire("sweep", 30)).toBeUndefined();
    let next: Awaited<ReturnType<RedisLeases["acquire"]>>;
    await until("the expired lease can be taken again", async () => {
      next = await leases.acquire("sweep", 60_000);
      return next !== undefined;
    });
  });

  it("is released and renewed only by its holder", async () => {
    const leases = new RedisLeases(server.client());
    const first = await leases.acquire("lock", 30);
    if (!first) throw new Error("expected the first lease");
    let second: Awaited<ReturnType<RedisLeases["acquire"]>>;
    await until("the first lease expires and a second holder takes it", async () => {
      second = await leases.acquire("lock", 60_000);
      return second !== undefined;
    });
    // The first holder comes back late: it must neither free nor extend the second holder's lease.
    expect(await first.release()).toBe(false);
    expect(await first.renew(60_000)).toBe(false);
    expect(await leases.acquire("lock", 60_000)).toBeUndefined();
    expect(await second?.release()).toBe(true);
    expect(await leases.acquire("lock", 60_000)).toBeDefined();
  });

  it("runs interval work on one replica per interval, and lets the next try at once when it failed", async () => {
    const replicas = [new RedisLeases(server.client()), new RedisLeases(server.client())];
    const runs: string[] = [];
    const ran = await Promise.all(
      replicas.map((leases, i) =>
        leases.runOncePerInterval("redeliver", 60_000, async () => void runs.push(`replica ${i}`)),
      ),
    );
    expect(runs).toHaveLength(1);
    expect(ran.filter(Boolean)).toHaveLength(1);

    const failing = replicas[0]?.runOncePerInterval("sweep", 60_000, async () => {
      throw new Error("GitHub unavailable");
    });
    await expect(failing).rejects.toThrow("GitHub unavailable");
    expect(await replicas[1]?.runOncePerInterval("sweep", 60_000, async () => void runs.push("retry"))).toBe(
      true,
    );
    expect(runs).toContain("retry");
  });
});
