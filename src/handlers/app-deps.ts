import type { JobQueue } from "../rollout/ports.js";

/** What handlers need: somewhere to put the work they describe. The worker (rollout/worker.ts) does the rest. */
export interface AppDeps {
  queue: Pick<JobQueue, "add">;
}
