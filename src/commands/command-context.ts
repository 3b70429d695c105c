/** What a command needs to run: the reconcile path's dependencies, where it was asked, and by whom. */
import type { ProbotOctokit } from "probot";
import type { Authorizer, Place } from "../github/authorize.js";
import type { JobLogger } from "../logger.js";
import type { ReconcileDeps, ReconcileTarget } from "../reconcile/reconcile-repository.js";
import type { RolloutSummary } from "../rollout/dashboard/summary.js";
import type { JobQueue } from "../rollout/ports.js";
import type { RolloutStateCache } from "../rollout/rollout-state-cache.js";

export interface CommandPlace extends Place {
  /** Whether the comment (and so the reply) is visible to the public. */
  isPublic: boolean;
}

export interface CommandContext {
  octokit: ProbotOctokit;
  log: JobLogger;
  /** Webhook delivery id: a failure reply names it so the operator finds the log lines. */
  deliveryId: string;
  reconcile: ReconcileDeps;
  target: ReconcileTarget;
  place: CommandPlace;
  authorizer: Authorizer;
  /** The org-wide rollout: `/jfrog-oidc rollout` queues an org scan, `pause`/`resume` set its state. */
  rollout: {
    installationId: number;
    queue: Pick<JobQueue, "add">;
    state: RolloutStateCache;
    /** The dashboard's summary of the org (null before its first scan); `publicOnly` where the reply is public. */
    summarize?: (org: string, publicOnly: boolean) => Promise<RolloutSummary | null>;
    /** Set while writes are stopped (the JFrog token expired or was revoked), even before the first scan. */
    writesStopped?: () => { report: string } | undefined;
  };
  /** After a failed write, hand the repository to the background queue, which retries with back-off. */
  retryInBackground(reason: string): void;
}
