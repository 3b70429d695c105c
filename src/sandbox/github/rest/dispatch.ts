/**
 * One REST request, in GitHub's order: route → authentication → body → repository (404 when the caller cannot
 * see it, as GitHub hides what a token may not read) → permission (403) → secondary limit (403 + retry-after) →
 * handler. Bad input never escapes as an exception: every path ends in a GitHub-shaped answer.
 */
import type { IncomingMessage } from "node:http";
import type { HttpResponse } from "../../shared/http.js";
import { createRouter } from "../../shared/router.js";
import { verifyAppJwt } from "../auth/app-jwt.js";
import { credential, grantSees, installationGrant } from "../auth/caller.js";
import { allows } from "../auth/permissions.js";
import { admitContent } from "../content-gate.js";
import type { Core } from "../core.js";
import { githubError, notAccessible, notFound, REST_DOCS } from "../errors.js";
import { readGitHubJson } from "../request-body.js";
import { usageKey } from "../usage.js";
import { RestFailure } from "./body.js";
import { type Caller, GREEDY_PARAMS, type RestContext, type RestRoute } from "./route.js";
import { REST_ROUTES } from "./routes.js";

/** `/repos/{owner}/{repo}/contents/{path}` → the shared router's `/repos/:owner/:repo/contents/*path`. */
function routerPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, (_, name: string) =>
    GREEDY_PARAMS.has(name) ? `*${name}` : `:${name}`,
  );
}

export interface RestOutcome {
  response: HttpResponse;
  /** `owner/name` of the repository the request named, for per-repository accounting. */
  repository?: string;
}

async function authenticate(
  core: Core,
  route: RestRoute,
  header: string | undefined,
): Promise<Caller | HttpResponse> {
  const token = credential(header);
  if (!token) return githubError(401, "Requires authentication", { docs: route.docs });
  if (route.auth === "jwt") {
    const app = core.store.app;
    if (!app) return githubError(401, "A JSON web token could not be decoded", { docs: route.docs });
    const check = await verifyAppJwt(token, app);
    return check.ok ? { kind: "app" } : githubError(401, check.message, { docs: route.docs });
  }
  const caller = installationGrant(core, token);
  return caller
    ? { kind: "installation", ...caller }
    : githubError(401, "Bad credentials", { docs: route.docs });
}

export function createRestDispatcher(core: Core) {
  const router = createRouter(
    REST_ROUTES.map((r) => ({ method: r.method, path: routerPath(r.path), handler: r })),
  );

  return async function dispatchRest(
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
  ): Promise<RestOutcome> {
    const match = router(method, path);
    // GitHub answers 404 for a path it does not serve, whatever the method.
    if (match.kind !== "found") return { response: notFound(REST_DOCS) };
    const route = match.handler;
    const { params } = match;
    const named = params.owner !== undefined && params.repo !== undefined;
    const repo = named ? core.store.repo(params.owner ?? "", params.repo ?? "") : undefined;
    const repository = named ? usageKey(core.store, params.owner ?? "", params.repo ?? "") : undefined;

    const caller = await authenticate(core, route, req.headers.authorization);
    if (!("kind" in caller)) return { response: caller, repository };
    let body: unknown;
    if (route.body) {
      const parsed = await readGitHubJson(req, { emptyIsUndefined: true });
      if (!parsed.ok) return { response: parsed.response, repository };
      body = parsed.value;
    }
    const org = params.org ? core.store.org(params.org) : undefined;
    if (caller.kind === "installation") {
      const { installation, grant } = caller;
      if (named && (!repo || !grantSees(core.store, caller, repo)))
        return { response: notFound(route.docs), repository };
      if (params.org && (!org || org.id !== installation.account.id))
        return { response: notFound(route.docs), repository };
      if (
        route.permissions &&
        !route.permissions.some(([name, level]) => allows(grant.permissions, name, level))
      )
        return { response: notAccessible(route.docs), repository };
      if (route.content) {
        const refused = admitContent(core, installation, repository);
        if (refused) return { response: refused, repository };
      }
    }
    const ctx: RestContext = {
      core,
      params,
      query,
      headers: req.headers,
      body,
      caller,
      repo,
      org,
      docs: route.docs,
    };
    try {
      return { response: await route.handle(ctx), repository };
    } catch (error) {
      if (error instanceof RestFailure) return { response: error.response, repository };
      throw error;
    }
  };
}
