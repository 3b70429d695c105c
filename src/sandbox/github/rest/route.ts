/** The shape of one emulated REST route and what its handler is given. */
import type { IncomingHttpHeaders } from "node:http";
import type { HttpResponse } from "../../shared/http.js";
import type { InstallationGrant } from "../auth/caller.js";
import type { Core } from "../core.js";
import type { AccessLevel, Account, Org, Repo } from "../state/model.js";

export type Caller = { kind: "app" } | ({ kind: "installation" } & InstallationGrant);

export interface RestContext {
  core: Core;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (routes with `body: true`), else undefined. */
  body: unknown;
  caller: Caller;
  /** Set for `/repos/{owner}/{repo}/…` routes: the repository, already checked to be visible to the caller. */
  repo: Repo | undefined;
  /** Set for `/orgs/{org}/…` routes. */
  org: Org | undefined;
  /** The route's documentation URL, for error bodies. */
  docs: string;
}

export interface RestRoute {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The path exactly as GitHub's OpenAPI description writes it (a test checks every route against it). */
  path: string;
  /** The operation's `externalDocs.url` in the OpenAPI description; GitHub puts it in error bodies. */
  docs: string;
  /** `jwt`: the app itself (`Authorization: Bearer <JWT>`); `installation`: an installation token. */
  auth: "jwt" | "installation";
  /** The caller needs one of these permissions. */
  permissions?: ReadonlyArray<readonly [string, AccessLevel]>;
  /** A content-generating request: counts against the secondary limit. */
  content?: boolean;
  /** Reads a JSON body. */
  body?: boolean;
  handle(ctx: RestContext): HttpResponse | Promise<HttpResponse>;
}

/** Params whose value may contain `/` (`contents/{path}`, `git/ref/{ref}`): they take the rest of the path. */
export const GREEDY_PARAMS = new Set(["path", "ref"]);

export function repoOf(ctx: RestContext): Repo {
  if (!ctx.repo) throw new Error(`the route documented at ${ctx.docs} needs a repository`);
  return ctx.repo;
}

/** Who the caller writes as: an installation token writes as the app's bot account. */
export function actorOf(ctx: RestContext): Account {
  return ctx.core.store.appBot();
}
