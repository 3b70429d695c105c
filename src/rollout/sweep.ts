/**
 * The sweep: nothing is lost, because GitHub and JFrog are the sources of truth. At start-up and every
 * `SWEEP_INTERVAL`, every installation's organization is scanned again (backfill), and whatever is not in its
 * desired state is queued: work lost in a restart, jobs given up on, repositories created while the app was down.
 */
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import type { JobQueue } from "./ports.js";

export async function sweepInstallations(
  appOctokit: ProbotOctokit,
  queue: Pick<JobQueue, "add">,
  log: Logger,
): Promise<number> {
  const installations = await appOctokit.paginate("GET /app/installations", { per_page: 100 });
  let queued = 0;
  for (const installation of installations) {
    const account = installation.account;
    if (!account || !("login" in account)) continue;
    await queue.add({
      kind: "org-scan",
      installationId: installation.id,
      org: account.login,
      reason: "sweep",
      priority: "backfill",
    });
    queued++;
  }
  log.info({ installations: queued }, "sweep: every installation queued for an org scan");
  return queued;
}
