/**
 * GitHub does not redeliver a failed webhook delivery by itself; the app lists its deliveries and asks
 * (https://docs.github.com/webhooks/using-webhooks/handling-failed-webhook-deliveries). At start-up: every delivery
 * of the last 24 hours whose every attempt failed is redelivered once (its latest attempt).
 */
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";

const DAY_MS = 24 * 3_600_000;

interface DeliverySummary {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
}

/** `appOctokit` authenticates as the app (JWT): Probot's `app.octokit`. Returns how many were redelivered. */
export async function redeliverFailed(
  appOctokit: ProbotOctokit,
  nowMs: number,
  log: Logger,
): Promise<number> {
  const since = nowMs - DAY_MS;
  const latestFailed = new Map<string, DeliverySummary>();
  const succeeded = new Set<string>();
  // Newest first: stop at the first page that reaches past the last 24 hours.
  for await (const { data } of appOctokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 })) {
    let older = false;
    for (const d of data as DeliverySummary[]) {
      if (Date.parse(d.delivered_at) < since) {
        older = true;
        continue;
      }
      if (d.status_code >= 200 && d.status_code < 300) succeeded.add(d.guid);
      else if (!latestFailed.has(d.guid) || (latestFailed.get(d.guid)?.id ?? 0) < d.id)
        latestFailed.set(d.guid, d);
    }
    if (older) break;
  }
  let asked = 0;
  for (const [guid, delivery] of latestFailed) {
    if (succeeded.has(guid)) continue;
    await appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
      delivery_id: delivery.id,
    });
    asked++;
  }
  log.info({ redelivered: asked }, "failed webhook deliveries of the last 24 hours: redelivery asked");
  return asked;
}
