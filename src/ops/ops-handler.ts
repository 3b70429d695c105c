/**
 * `/healthz`, `/readyz` and `/metrics` on the app's own HTTP server. Probot 14 has no Express any more; an app
 * function receives `{ addHandler }` (from `run` and from `createNodeMiddleware` alike) and each added handler
 * answers true when it served the request, else the next one runs:
 *
 *     (app, { addHandler }) => { addHandler(createOpsHandler({ metrics, readiness })); ... }
 *
 * https://probot.github.io/docs/http/ (node_modules/probot/lib/server/server.js runs the handlers in order).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Metrics } from "./metrics.js";
import type { Readiness } from "./readiness.js";

export interface OpsHandlerOptions {
  metrics: Metrics;
  readiness: () => Readiness | Promise<Readiness>;
}

export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createOpsHandler(options: OpsHandlerOptions): OpsHandler {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path === "/healthz") {
      // The process serves requests: nothing more (a liveness probe must not fail on an upstream outage).
      send(res, 200, "text/plain; charset=utf-8", "ok\n");
      return true;
    }
    if (path === "/readyz") {
      const readiness = await options.readiness();
      send(res, readiness.ready ? 200 : 503, "application/json", `${JSON.stringify(readiness)}\n`);
      return true;
    }
    if (path === "/metrics") {
      const body = await options.metrics.scrape();
      send(res, 200, options.metrics.registry.contentType, body);
      return true;
    }
    return false;
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" }).end(body);
}
