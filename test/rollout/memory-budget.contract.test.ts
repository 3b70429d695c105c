/** The in-process budget meets the same WriteBudget contract as the Redis one (test/rollout/redis/…budget.test.ts). */
import { InMemoryWriteBudget } from "../../src/rollout/memory-budget.js";
import { describeWriteBudgetContract } from "./contract/write-budget.contract.js";

describeWriteBudgetContract("InMemoryWriteBudget", (clock, limits) => new InMemoryWriteBudget(clock, limits));
