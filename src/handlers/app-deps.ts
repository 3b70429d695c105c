import type { Metrics } from "../ops/metrics.js";
import type { JobQueue } from "../rollout/ports.js";

/** What handlers need: somewhere to put the work they describe. The worker (rollout/worker.ts) does the rest. */
export interface AppDeps {
  queue: Pick<JobQueue, "add">;
  /** The app's clock: each job records when it was asked for (see Job.requestedAt). */
  now: () => number;
  /** The app's own bot login (`<slug>[bot]`), when it can be known: its own pull requests are not audited. */
  ownBotLogin?: () => Promise<string | undefined>;
  /** Times every handler (webhook_duration_seconds) when given. */
  metrics?: Metrics;
}
