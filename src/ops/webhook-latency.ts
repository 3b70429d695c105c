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

/**
 * The app with every handler `on` registers timed: index.ts wraps the app once instead of each handler. A Proxy
 * rather than a copy, since Probot keeps its state in private fields that only the real instance can reach.
 */
export function timedApp<A extends { on: (...args: never[]) => unknown }>(app: A, metrics: Metrics): A {
  const on = (events: unknown, handler: (context: EventContext) => Promise<void>) =>
    (app.on as unknown as (e: unknown, h: unknown) => unknown).call(app, events, timed(metrics, handler));
  return new Proxy(app, {
    get(target, property) {
      if (property === "on") return on;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
