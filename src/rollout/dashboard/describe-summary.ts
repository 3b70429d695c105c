/** `/jfrog-oidc rollout status`: the dashboard's numbers in a few lines (same summary, so they always agree). */
import { code } from "../../github/markdown.js";
import { count } from "./format.js";
import { etaText } from "./render-dashboard.js";
import type { RolloutSummary } from "./summary.js";

export function describeSummary(s: RolloutSummary): string {
  const c = s.counts;
  return [
    ...(s.writesStopped ? [`⛔ **${s.writesStopped}**`] : []),
    `Rollout in ${code(s.org)}: ${s.paused ? "**paused**" : "running"}; existing repositories ` +
      `${s.existingConsent ? "consented to" : "not consented to yet (only new ones are onboarded)"}.`,
    `${count(s.progress.settled)} of ${count(s.progress.inScope)} in scope settled (${s.progress.percent}%): ` +
      `${count(c.onboarded)} onboarded, ${count(c["pull-request-open"])} with the PR open, ` +
      `${count(c.declined)} declined.`,
    `Still to do: ${count(c.pending)} pending, ${count(c.failing)} failing, ${count(c.blocked)} blocked, ` +
      `${count(c["waiting-first-push"])} waiting for a first push. Out of scope: ${count(c["opted-out"])} opted out, ` +
      `${count(c.excluded)} excluded.`,
    `ETA: ${etaText(s)}`,
  ].join("\n");
}
