import type { HttpResponse } from "../shared/http.js";

/** What a route handler gets: decoded path params, the query, and the parsed JSON body (routes that take one). */
export interface HandlerContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type Handler = (ctx: HandlerContext) => HttpResponse | Promise<HttpResponse>;

export interface Route {
  /** Admin bearer token required. */
  auth: boolean;
  /** Reads and parses a JSON body (413 past the size limit, 400 when malformed). */
  jsonBody: boolean;
  handle: Handler;
}
