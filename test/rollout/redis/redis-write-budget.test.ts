import { describe, expect, it } from "vitest";
import { RedisWriteBudget } from "../../../src/rollout/redis/redis-write-budget.js";
import { ManualClock } from "../../support/manual-clock.js";
import { useRedisServer } from "../../support/redis-server.js";
import { describeWriteBudgetContract } from "../contract/write-budget.contract.js";

const server = useRedisServer();

describeWriteBudgetContract(
  "RedisWriteBudget",
  (clock, limits) => new RedisWriteBudget(server.client(), clock, limits),
);

describe("RedisWriteBudget across replicas", () => {
  const limits = { perMinute: 10, perHour: 25, headroomPerMinute: 3, headroomPerHour: 5 };

  it("is ONE budget for all replicas of an installation: concurrent reservations never overspend it", async () => {
    const clock = new ManualClock();
    const replicas = [0, 1, 2].map(() => new RedisWriteBudget(server.client(), clock, limits));
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => replicas[i % 3]?.reserve(1, 1, "event")),
    );
    expect(answers.filter((a) => a?.granted)).toHaveLength(10);
    expect(await replicas[0]?.remaining(1)).toEqual({ perMinute: 0, perHour: 15 });
  });

  it("survives a replica's restart: a new instance sees the writes the old one granted", async () => {
    const clock = new ManualClock();
    await new RedisWriteBudget(server.client(), clock, limits).reserve(1, 9, "event");
    const restarted = new RedisWriteBudget(server.client(), clock, limits);
    expect(await restarted.reserve(1, 2, "event")).toMatchObject({ granted: false });
  });

  it("refuses a headroom as large as its limit", () => {
    const clock = new ManualClock();
    expect(() => new RedisWriteBudget(server.client(), clock, { ...limits, headroomPerMinute: 10 })).toThrow(
      RangeError,
    );
  });
});
