/**
 * Times a webhook handler for `jfrog_oidc_rollout_webhook_duration_seconds`. Octokit runs an event's handlers in
 * parallel and Probot answers GitHub when they have all settled, so the time of the (enqueue-only) handler is the
 * acknowledgement latency GitHub sees, less the signature check. Wrap each handler where index.ts registers it:
 *
 *     app.on("push", timed(metrics, onPush(deps)));
 */
import type { Metrics } from "./metrics.js";

interface EventContext {
  name: string;
  payload: unknown;
}

export function timed<C extends EventContext>(
  metrics: Metrics,
  handler: (context: C) => Promise<void>,
): (context: C) => Promise<void> {
  return async (context) => {
    const started = performance.now();
    try {
      await handler(context);
    } finally {
      metrics.webhookHandled(eventName(context), (performance.now() - started) / 1000);
    }
  };
}

function eventName(context: EventContext): string {
  const action = (context.payload as { action?: unknown } | null)?.action;
  return typeof action === "string" ? `${context.name}.${action}` : context.name;
}
