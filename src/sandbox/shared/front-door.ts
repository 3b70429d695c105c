/**
 * The door every emulator request goes through: injected faults first (as a flaky network in front of the
 * service would), then the emulator's own handler; every answer is recorded before it is written, and a bug in a
 * handler becomes the service's 500 in its own error shape, never a crashed emulator or a hung request.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { applyFault, type Faults } from "./faults.js";
import { bodyRead, type HttpResponse, requestUrl, writeResponse } from "./http.js";
import type { RequestLog } from "./request-log.js";
import type { RequestHandler } from "./server.js";

export interface FrontDoorOptions {
  faults: Faults;
  log: RequestLog;
  /** Aborted when the emulator closes: cuts injected latency short. */
  closing: AbortSignal;
  /** The body of an injected fault's answer when the test gives none, in the service's error shape. */
  faultBody(status: number): unknown;
  /** The service's answer to a bug in the emulator. */
  serverError(error: Error): HttpResponse;
  handle(req: IncomingMessage, method: string, url: URL): Promise<HttpResponse>;
  /** Headers the service puts on every answer. */
  decorate?(response: HttpResponse): HttpResponse;
  /** Told of each request answered without reaching `handle` (a fault, a dropped connection, a bug). */
  bypassed?(url: URL): void;
  /** Whether the log keeps this request's JSON body; never for a body that is a credential. None by default. */
  recordBody?(method: string, path: string): boolean;
}

export function createFrontDoor(options: FrontDoorOptions): RequestHandler {
  const { faults, log, closing } = options;
  return async function frontDoor(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = requestUrl(req);
    const record = { method, path: url.pathname, query: Object.fromEntries(url.searchParams) };
    // Recorded before the answer is written, so a client that has its response also sees the record.
    const answer = (response: HttpResponse) => {
      const body = options.recordBody?.(method, url.pathname) ? bodyRead(req) : undefined;
      log.add({ ...record, status: response.status, ...(body !== undefined && { body }) });
      writeResponse(res, options.decorate ? options.decorate(response) : response);
    };
    try {
      const fault = faults.take(method, url.pathname);
      const outcome = fault ? await applyFault(fault, closing, options.faultBody) : { kind: "pass" as const };
      if (outcome.kind === "pass") return answer(await options.handle(req, method, url));
      options.bypassed?.(url);
      if (outcome.kind === "respond") return answer(outcome.response);
      log.add({ ...record, status: 0 });
      req.socket.destroy();
    } catch (error) {
      if (closing.aborted || req.destroyed) {
        res.destroy();
        return;
      }
      options.bypassed?.(url);
      answer(options.serverError(error as Error));
    }
  };
}
