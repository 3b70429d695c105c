/**
 * One batch of new repositories onboarded by whichever replicas are alive, and what GitHub saw of it: what the
 * replica scenarios compare between one replica and several.
 */
import { ORG } from "../../../src/sandbox/world.js";
import { until } from "../../support/until.js";
import { logTail } from "./app-process.js";
import type { ChaosWorld, Onboarding } from "./chaos-world.js";
import { idle } from "./observe-app.js";

export interface BatchResult {
  byRepository: Record<string, Onboarding & { contentWrites: number; refused: number }>;
  /** The most content writes GitHub admitted for one repository of the batch. */
  maxWrites: number;
}

export async function onboardBatch(world: ChaosWorld, repositories: string[], timeoutMs: number) {
  for (const name of repositories) world.createRepository(name);
  await until(
    `all ${repositories.length} repositories are onboarded and no replica has work left`,
    async () =>
      repositories.every((name) => {
        const state = world.onboarding(name);
        return state.mappings >= 1 && state.openPulls >= 1;
      }) && (await idle(world)),
    timeoutMs,
  ).catch((error: Error) => {
    const missing = repositories.filter((name) => world.onboarding(name).openPulls === 0);
    const last = world.replicas.at(-1);
    throw new Error(
      `${error.message}\nnot onboarded: ${missing.slice(0, 10).join(", ")} (${missing.length})\n${last ? logTail(last) : ""}`,
    );
  });
  const usage = world.github.usage();
  const byRepository: BatchResult["byRepository"] = {};
  for (const name of repositories) {
    const used = usage[`${ORG}/${name}`];
    byRepository[name] = {
      ...world.onboarding(name),
      contentWrites: used?.contentRequests ?? 0,
      refused: used?.rateLimited ?? 0,
    };
  }
  const maxWrites = Math.max(...Object.values(byRepository).map((r) => r.contentWrites));
  return { byRepository, maxWrites } satisfies BatchResult;
}

/** Secondary-limit answers GitHub gave to any request of the installation so far. */
export function refusedWrites(world: ChaosWorld): number {
  return Object.values(world.github.usage()).reduce((sum, used) => sum + used.rateLimited, 0);
}
