/**
 * The crash scenario shared by both modes: a new repository's onboarding, the app SIGKILLed right after one of
 * its writes, a new process started, and no new webhook from the test. The repository must end onboarded exactly
 * once: one mapping, one open PR, one commit on its branch, no stray branch.
 */
import { expect } from "vitest";
import { until } from "../../support/until.js";
import { type AppProcess, logTail } from "./app-process.js";
import type { ChaosWorld } from "./chaos-world.js";
import { idle, jobs, killAfter, type OnboardingWrite } from "./observe-app.js";

export const RECOVERY_TIMEOUT_MS = 40_000;

export async function crashAfterWrite(
  world: ChaosWorld,
  write: OnboardingWrite,
  restart: () => Promise<AppProcess>,
): Promise<void> {
  const name = `crash-after-${write.replace(" ", "-")}`;
  const live = world.replicas.at(-1);
  if (!live?.alive) throw new Error("the scenario needs a running replica");
  world.createRepository(name);
  await killAfter(world, live, name, write);
  const before = world.onboarding(name);

  const replica = await restart();
  await until(
    `${name} is onboarded after the restart and the app has nothing left to do`,
    async () => {
      const state = world.onboarding(name);
      return state.mappings === 1 && state.openPulls === 1 && (await idle(world));
    },
    RECOVERY_TIMEOUT_MS,
  ).catch(async (error: Error) => {
    const queued = JSON.stringify(await jobs(replica).catch(String));
    throw new Error(
      `${error.message}\nstate: ${JSON.stringify(world.onboarding(name))}\njobs: ${queued}\n${logTail(replica)}`,
    );
  });
  // The crash happened where it was meant to: the write was done and the rest was not.
  expect(before.mappings).toBe(1);
  expect(before.openPulls).toBe(write === "pull request" ? 1 : 0);
  expect(world.onboarding(name)).toEqual({
    mappings: 1,
    openPulls: 1,
    strayBranches: [],
    commitsOnBranch: 1,
  });
}
