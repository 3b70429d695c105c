/**
 * The rollout's pause, read from GitHub (see consent.ts) at most once a minute per org, so every backfill job can
 * honour a pause without a GitHub read of its own. A pause or resume given to this replica applies at once.
 */
import type { ProbotOctokit } from "probot";
import { readRolloutState } from "./consent.js";

const TTL_MS = 60_000;

export class RolloutStateCache {
  readonly #paused = new Map<string, { paused: boolean; atMs: number }>();

  constructor(private readonly now: () => number) {}

  async isPaused(octokit: ProbotOctokit, org: string): Promise<boolean> {
    const key = org.toLowerCase();
    const known = this.#paused.get(key);
    if (known && this.now() - known.atMs < TTL_MS) return known.paused;
    const { paused } = await readRolloutState(octokit, org);
    this.set(org, paused);
    return paused;
  }

  set(org: string, paused: boolean): void {
    this.#paused.set(org.toLowerCase(), { paused, atMs: this.now() });
  }
}
