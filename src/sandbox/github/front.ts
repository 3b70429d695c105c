/**
 * The GitHub emulator behind the shared front door: REST under `/api/v3` or GraphQL at `/api/graphql`; every
 * request is counted for the repositories it named, and every answer carries the headers GitHub puts on all.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Faults } from "../shared/faults.js";
import { createFrontDoor } from "../shared/front-door.js";
import type { HttpResponse } from "../shared/http.js";
import type { RequestLog } from "../shared/request-log.js";
import type { RequestHandler } from "../shared/server.js";
import type { Core } from "./core.js";
import { faultErrorBody, githubError, notFound, REST_DOCS } from "./errors.js";
import { createGraphQLDispatcher } from "./graphql/dispatch.js";
import { createRestDispatcher } from "./rest/dispatch.js";
import { usageKey } from "./usage.js";

export interface FrontDeps {
  core: Core;
  faults: Faults;
  log: RequestLog;
  /** Aborted when the emulator closes: cuts injected latency short. */
  closing: AbortSignal;
}

/** Headers every GitHub answer carries; JSON goes out as `application/json; charset=utf-8` like GitHub's. */
function decorate(response: HttpResponse): HttpResponse {
  const headers: Record<string, string> = {
    "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    ...response.headers,
  };
  if (response.body !== undefined && typeof response.body !== "string")
    headers["content-type"] ??= "application/json; charset=utf-8";
  return { ...response, headers };
}

export function createFront({ core, faults, log, closing }: FrontDeps): RequestHandler {
  const rest = createRestDispatcher(core);
  const graphql = createGraphQLDispatcher(core);
  const count = (repositories: readonly string[]) => {
    for (const repository of repositories) core.usage.count(repository, "requests");
  };

  async function handle(req: IncomingMessage, method: string, url: URL): Promise<HttpResponse> {
    if (url.pathname === "/api/graphql") {
      const { response, repositories } = await graphql(req, method);
      count(repositories);
      return response;
    }
    if (url.pathname.startsWith("/api/v3/")) {
      const { response, repository } = await rest(
        req,
        method,
        url.pathname.slice("/api/v3".length),
        url.searchParams,
      );
      count(repository ? [repository] : []);
      return response;
    }
    return notFound(REST_DOCS);
  }

  return createFrontDoor({
    faults,
    log,
    closing,
    faultBody: faultErrorBody,
    serverError: (error) => githubError(500, `Server Error: ${error.message}`),
    handle,
    decorate,
    // The app's bodies carry no secret (its token travels in a header): keep them all, to assert what was sent.
    recordBody: () => true,
    // `/api/v3/repos/{owner}/{repo}/…` names a repository even when the request never reaches a handler.
    bypassed(url) {
      const named = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)/.exec(url.pathname);
      if (named) count([usageKey(core.store, named[1] ?? "", named[2] ?? "")]);
    },
  });
}
