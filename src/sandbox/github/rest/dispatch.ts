/**
 * One REST request, in GitHub's order: route → authentication → body → repository (404 when the caller cannot
 * see it, as GitHub hides what a token may not read) → permission (403) → secondary limit (403 + retry-after) →
 * handler. Bad input never escapes as an exception: every path ends in a GitHub-shaped answer.
 */
import type { IncomingMessage } from "node:http";
import { type HttpResponse, parseJson, readBody } from "../../shared/http.js";
import { createRouter } from "../../shared/router.js";
import { verifyAppJwt } from "../auth/app-jwt.js";
import { allows } from "../auth/permissions.js";
import { admitContent } from "../content-gate.js";
import type { Core } from "../core.js";
import { githubError, notAccessible, notFound, REST_DOCS } from "../errors.js";
import { fullName } from "../state/model.js";
import { RestFailure } from "./body.js";
import { type Caller, GREEDY_PARAMS, type RestContext, type RestRoute } from "./route.js";
import { REST_ROUTES } from "./routes.js";

export const MAX_BODY_BYTES = 1024 * 1024;

/** `/repos/{owner}/{repo}/contents/{path}` → the shared router's `/repos/:owner/:repo/contents/*path`. */
export function routerPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, (_, name: string) =>
    GREEDY_PARAMS.has(name) ? `*${name}` : `:${name}`,
  );
}

export function credential(header: string | undefined): string | undefined {
  return /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
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
  const grant = core.tokens.lookup(token);
  const installation = grant && core.store.installations.get(grant.installationId);
  if (!grant || !installation || installation.suspended)
    return githubError(401, "Bad credentials", { docs: route.docs });
  return { kind: "installation", grant, installation };
}

async function readJson(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; response: HttpResponse }> {
  const read = await readBody(req, MAX_BODY_BYTES);
  if (!read.ok) return { ok: false, response: githubError(413, "Payload too large") };
  if (read.text.trim() === "") return { ok: true, value: undefined };
  const parsed = parseJson(read.text);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { ok: false, response: githubError(400, "Problems parsing JSON") };
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
    const named = params.owner && params.repo ? `${params.owner}/${params.repo}` : undefined;
    const repo = named ? core.store.repo(params.owner ?? "", params.repo ?? "") : undefined;
    const repository = repo ? fullName(repo) : named?.toLowerCase();

    const caller = await authenticate(core, route, req.headers.authorization);
    if (!("kind" in caller)) return { response: caller, repository };
    let body: unknown;
    if (route.body) {
      const parsed = await readJson(req);
      if (!parsed.ok) return { response: parsed.response, repository };
      body = parsed.value;
    }
    const org = params.org ? core.store.org(params.org) : undefined;
    if (caller.kind === "installation") {
      const { installation, grant } = caller;
      if (
        named &&
        (!repo || !core.store.canSee(installation, repo) || !(grant.repositoryIds?.has(repo.id) ?? true))
      )
        return { response: notFound(route.docs), repository };
      if (params.org && (!org || org.id !== installation.account.id))
        return { response: notFound(route.docs), repository };
      if (
        route.permissions &&
        !route.permissions.some(([name, level]) => allows(grant.permissions, name, level))
      )
        return { response: notAccessible(route.docs), repository };
      if (route.content) {
        const refused = admitContent(core, `installation:${installation.id}`, repository);
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
