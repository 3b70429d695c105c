/**
 * What the chaos scenarios look at besides the emulators: the app's own /metrics (is its queue empty?) and the
 * exact moment a write lands in an emulator (to kill the app there).
 */
import { ONBOARDING_BRANCH } from "../../../src/sandbox/observe.js";
import { parseExposition, type Sample } from "../../support/prometheus-text.js";
import type { AppProcess } from "./app-process.js";
import type { ChaosWorld } from "./chaos-world.js";

/** The distinct writes of one onboarding, in the order the app makes them (JFrog first, then GitHub). */
export const ONBOARDING_WRITES = ["mapping", "branch", "commit", "pull request"] as const;
export type OnboardingWrite = (typeof ONBOARDING_WRITES)[number];

/**
 * SIGKILLs `replica` the moment an emulator has carried out `write` for repository `name`, before the answer
 * reaches the app: the write is done, the app never learns of it. Resolves once the process is gone.
 */
export function killAfter(
  world: ChaosWorld,
  replica: AppProcess,
  name: string,
  write: OnboardingWrite,
): Promise<void> {
  const done = (): boolean => {
    const state = world.onboarding(name);
    if (write === "mapping") return state.mappings > 0;
    if (write === "pull request") return state.openPulls > 0;
    const branch = world.github.repository("acme", name).branches[ONBOARDING_BRANCH];
    return write === "branch" ? branch !== undefined : state.commitsOnBranch > 0;
  };
  return killWhen(world, replica, done);
}

/** SIGKILLs `replica` at the first emulator answer after which `done()` holds; resolves once it is gone. */
export function killWhen(world: ChaosWorld, replica: AppProcess, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!replica.alive || !done()) return;
      replica.signal("SIGKILL");
      offGitHub();
      offJFrog();
      void replica.exited.then(() => resolve());
    };
    const offGitHub = world.github.onAnswer(check);
    const offJFrog = world.jfrog.onAnswer(check);
  });
}

/** The app's jobs by installation and state (all replicas' in Redis mode), from its own /metrics. */
export async function jobs(replica: AppProcess): Promise<Sample[]> {
  const response = await fetch(`${replica.url}/metrics`);
  return parseExposition(await response.text()).filter((s) => s.name === "jfrog_oidc_rollout_jobs");
}

/**
 * Jobs waiting or running. Delayed ones are left out: the dashboard's update is debounced (a delayed job for a
 * minute) whatever happens, and a retry shows up as the repository not being done.
 */
export async function jobsQueued(replica: AppProcess): Promise<number> {
  const active = (await jobs(replica)).filter((s) => s.labels.state !== "delayed");
  return active.reduce((sum, s) => sum + s.value, 0);
}

/** Every live replica reports no job waiting or running. */
export async function idle(world: ChaosWorld): Promise<boolean> {
  const live = world.replicas.filter((r) => r.alive);
  const counts = await Promise.all(live.map((r) => jobsQueued(r).catch(() => 1)));
  return counts.every((n) => n === 0);
}
