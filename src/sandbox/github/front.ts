/**
 * The emulator's HTTP door: fault injection first (as a flaky network would), then REST under `/api/v3` or
 * GraphQL at `/api/graphql`; every answer is recorded, counted for the repository it named, and sent with the
 * headers GitHub puts on every answer. A bug in a handler becomes GitHub's 500, never a crashed emulator.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { applyFault, type Faults } from "../shared/faults.js";
import { type HttpResponse, writeResponse } from "../shared/http.js";
import type { RequestLog } from "../shared/request-log.js";
import type { Core } from "./core.js";
import { faultErrorBody, githubError, REST_DOCS } from "./errors.js";
import { createGraphQLDispatcher } from "./graphql/dispatch.js";
import { createRestDispatcher } from "./rest/dispatch.js";
import { fullName } from "./state/model.js";

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

export function createFront({ core, faults, log, closing }: FrontDeps) {
  const rest = createRestDispatcher(core);
  const graphql = createGraphQLDispatcher(core);

  /** `/api/v3/repos/{owner}/{repo}/…` names a repository even when the request never reaches a handler. */
  function namedRepository(path: string): string | undefined {
    const match = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)/.exec(path);
    if (!match) return undefined;
    const repo = core.store.repo(match[1] ?? "", match[2] ?? "");
    return repo ? fullName(repo) : `${match[1]}/${match[2]}`.toLowerCase();
  }

  async function route(
    req: IncomingMessage,
    method: string,
    url: URL,
  ): Promise<{ response: HttpResponse; repositories: string[] }> {
    if (url.pathname === "/api/graphql") return graphql(req, method);
    if (url.pathname.startsWith("/api/v3/")) {
      const outcome = await rest(req, method, url.pathname.slice("/api/v3".length), url.searchParams);
      return { response: outcome.response, repositories: outcome.repository ? [outcome.repository] : [] };
    }
    return { response: githubError(404, "Not Found", { docs: REST_DOCS }), repositories: [] };
  }

  return async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const record = { method, path: url.pathname, query: Object.fromEntries(url.searchParams) };
    const named = namedRepository(url.pathname);
    const answer = (response: HttpResponse, repositories: string[]) => {
      log.add({ ...record, status: response.status });
      for (const repository of repositories) core.usage.count(repository, "requests");
      writeResponse(res, decorate(response));
    };
    try {
      const fault = faults.take(method, url.pathname);
      const outcome = fault ? await applyFault(fault, closing, faultErrorBody) : { kind: "pass" as const };
      if (outcome.kind === "drop") {
        log.add({ ...record, status: 0 });
        if (named) core.usage.count(named, "requests");
        req.socket.destroy();
      } else if (outcome.kind === "respond") {
        answer(outcome.response, named ? [named] : []);
      } else {
        const { response, repositories } = await route(req, method, url);
        answer(response, repositories);
      }
    } catch (error) {
      if (closing.aborted || req.destroyed) {
        res.destroy();
        return;
      }
      answer(githubError(500, `Server Error: ${(error as Error).message}`), named ? [named] : []);
    }
  };
}
