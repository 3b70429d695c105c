/**
 * Routes where the app acts as itself (JWT) or asks what its installation sees: installation tokens, the app's
 * webhook delivery log and redelivery, and the installation's repositories.
 */

import { isJsonObject, json } from "../../shared/http.js";
import { grantSees } from "../auth/caller.js";
import { isAccessLevel, isSubset } from "../auth/permissions.js";
import { githubError, notFound, wrongType } from "../errors.js";
import { orgShape, userShape } from "../shapes/account.js";
import { iso, repositoryShape } from "../shapes/repository.js";
import type { AccessLevel, Permissions, Repo } from "../state/model.js";
import type { DeliveryRecord } from "../webhooks/sender.js";
import { fail, objectBody, optionalStrings, pathNumber } from "./body.js";
import type { RestContext, RestRoute } from "./route.js";

const DOCS = {
  token: "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app",
  deliveries: "https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook",
  delivery: "https://docs.github.com/rest/apps/webhooks#get-a-delivery-for-an-app-webhook",
  redeliver: "https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook",
  repositories:
    "https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation",
  orgInstallation:
    "https://docs.github.com/rest/apps/apps#get-an-organization-installation-for-the-authenticated-app",
  // GitHub's OpenAPI description links this one to the GHES 3.9 page; error bodies carry what it says.
  installations:
    "https://docs.github.com/enterprise-server@3.9/rest/apps/apps#list-installations-for-the-authenticated-app",
  app: "https://docs.github.com/rest/apps/apps#get-the-authenticated-app",
};

function requestedPermissions(body: Record<string, unknown>, docs: string): Permissions | undefined {
  const raw = body.permissions;
  if (raw === undefined) return undefined;
  if (!isJsonObject(raw) || !Object.values(raw).every(isAccessLevel))
    fail(
      githubError(
        422,
        "Invalid request.\n\nFor 'properties/permissions', the value is not a permissions object.",
        { docs },
      ),
    );
  return raw as Record<string, AccessLevel>;
}

/** The repositories a token is narrowed to, by name (`repositories`) or id (`repository_ids`). */
function requestedRepositories(
  ctx: RestContext,
  body: Record<string, unknown>,
  accessible: Repo[],
): Repo[] | undefined {
  const names = optionalStrings(body, "repositories", ctx.docs);
  const ids = body.repository_ids;
  if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => Number.isInteger(id))))
    fail(wrongType("repository_ids", ids, "an array of integers", ctx.docs));
  if (names === undefined && ids === undefined) return undefined;
  const found = [
    ...(names ?? []).map((name) => accessible.find((r) => r.name.toLowerCase() === name.toLowerCase())),
    ...((ids as number[] | undefined) ?? []).map((id) => accessible.find((r) => r.id === id)),
  ];
  if (found.some((r) => r === undefined))
    fail(
      githubError(
        422,
        "There is at least one repository that does not exist or is not accessible to the parent installation.",
        { docs: ctx.docs },
      ),
    );
  return found as Repo[];
}

function createToken(ctx: RestContext) {
  const { store, tokens, urls } = ctx.core;
  const id = pathNumber(ctx.params.installation_id);
  const installation = id === undefined ? undefined : store.installations.get(id);
  if (!installation) return notFound(ctx.docs);
  if (installation.suspended)
    return githubError(403, "This installation has been suspended", { docs: ctx.docs });
  const body = ctx.body === undefined ? {} : objectBody(ctx.body, ctx.docs);
  const permissions = requestedPermissions(body, ctx.docs) ?? installation.permissions;
  if (!isSubset(permissions, installation.permissions))
    return githubError(422, "The permissions requested are not granted to this installation.", {
      docs: ctx.docs,
    });
  const accessible = [...store.repos.values()].filter((r) => store.canSee(installation, r));
  const repositories = requestedRepositories(ctx, body, accessible);
  const grant = tokens.issue({
    installationId: installation.id,
    permissions: { ...permissions },
    repositoryIds: repositories ? new Set(repositories.map((r) => r.id)) : null,
  });
  return json(201, {
    token: grant.token,
    expires_at: iso(grant.expiresAt),
    permissions: grant.permissions,
    repository_selection: repositories ? "selected" : installation.repositorySelection,
    ...(repositories && { repositories: repositories.map((r) => repositoryShape(urls, r)) }),
  });
}

function deliverySummary(d: DeliveryRecord) {
  return {
    id: d.id,
    guid: d.guid,
    delivered_at: iso(d.deliveredAt),
    redelivery: d.redelivery,
    duration: d.duration,
    status: d.status,
    status_code: d.statusCode,
    event: d.event,
    action: d.action,
    installation_id: d.installationId,
    repository_id: d.repositoryId,
    throttled_at: null,
  };
}

function findDelivery(ctx: RestContext): DeliveryRecord {
  const id = pathNumber(ctx.params.delivery_id);
  return ctx.core.webhooks.deliveries.find((d) => d.id === id) ?? fail(notFound(ctx.docs));
}

/** The app's installations (JWT), oldest first, in GitHub's `installation` shape (the fields the app reads). */
function listInstallations(ctx: RestContext) {
  const { store, urls } = ctx.core;
  const appId = store.app?.id ?? 0;
  return json(
    200,
    [...store.installations.values()]
      .sort((a, b) => a.id - b.id)
      .map((i) => ({
        id: i.id,
        account: userShape(urls, i.account),
        repository_selection: i.repositorySelection,
        access_tokens_url: `${urls.api}/app/installations/${i.id}/access_tokens`,
        repositories_url: `${urls.api}/installation/repositories`,
        html_url: `${urls.html}/organizations/${i.account.login}/settings/installations/${i.id}`,
        app_id: appId,
        target_id: i.account.id,
        target_type: i.account.type,
        permissions: i.permissions,
        events: i.events,
        suspended_at: i.suspended ? iso(new Date(0)) : null,
      })),
  );
}

/**
 * `GET /installation/repositories`, paged like GitHub (`per_page` ≤ 100, default 30, `page` from 1) with a `Link`
 * header naming the next page, which is what `octokit.paginate` follows. Walks the owner's creation-ordered list.
 */
function installationRepositories(ctx: RestContext) {
  const { caller } = ctx;
  if (caller.kind !== "installation") return notFound(ctx.docs);
  const { installation, grant } = caller;
  const { store, urls } = ctx.core;
  const repos = store.reposOf(installation.account).filter((r) => grantSees(store, caller, r));
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(repos.length / perPage));
  const link = (n: number, rel: string) =>
    `<${urls.api}/installation/repositories?per_page=${perPage}&page=${n}>; rel="${rel}"`;
  const links = [
    ...(page < last ? [link(page + 1, "next"), link(last, "last")] : []),
    ...(page > 1 ? [link(1, "first"), link(page - 1, "prev")] : []),
  ];
  return json(
    200,
    {
      total_count: repos.length,
      repository_selection: grant.repositoryIds ? "selected" : installation.repositorySelection,
      repositories: repos.slice((page - 1) * perPage, page * perPage).map((r) => repositoryShape(urls, r)),
    },
    links.length > 0 ? { link: links.join(", ") } : undefined,
  );
}

/** `GET /orgs/{org}/installation` (app JWT): how a tool finds the installation to act in; 404 when there is none. */
function orgInstallation(ctx: RestContext) {
  const { store, urls } = ctx.core;
  const installation = ctx.org && store.installationFor(ctx.org);
  if (!installation) return notFound(ctx.docs);
  return json(200, {
    id: installation.id,
    account: orgShape(urls, installation.account),
    repository_selection: installation.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    app_id: store.app?.id,
    app_slug: store.app?.slug,
    target_id: installation.account.id,
    target_type: "Organization",
    permissions: installation.permissions,
    events: installation.events,
    suspended_at: installation.suspended ? iso(new Date(0)) : null,
  });
}

export const appRoutes: RestRoute[] = [
  {
    method: "GET",
    path: "/orgs/{org}/installation",
    docs: DOCS.orgInstallation,
    auth: "jwt",
    handle: orgInstallation,
  },
  {
    method: "POST",
    path: "/app/installations/{installation_id}/access_tokens",
    docs: DOCS.token,
    auth: "jwt",
    body: true,
    handle: createToken,
  },
  {
    method: "GET",
    path: "/app",
    docs: DOCS.app,
    auth: "jwt",
    handle: (ctx) => {
      const app = ctx.core.store.app;
      if (!app) return notFound(ctx.docs);
      return json(200, {
        id: app.id,
        slug: app.slug,
        name: app.name,
        owner: null,
        permissions: app.permissions,
        events: app.events,
        installations_count: ctx.core.store.installations.size,
      });
    },
  },
  {
    method: "GET",
    path: "/app/installations",
    docs: DOCS.installations,
    auth: "jwt",
    handle: listInstallations,
  },
  {
    method: "GET",
    path: "/app/hook/deliveries",
    docs: DOCS.deliveries,
    auth: "jwt",
    handle: (ctx) => json(200, [...ctx.core.webhooks.deliveries].reverse().map(deliverySummary)),
  },
  {
    method: "GET",
    path: "/app/hook/deliveries/{delivery_id}",
    docs: DOCS.delivery,
    auth: "jwt",
    handle: (ctx) => {
      const d = findDelivery(ctx);
      return json(200, {
        ...deliverySummary(d),
        url: ctx.core.webhooks.target?.url ?? "",
        request: d.request,
        response: d.response,
      });
    },
  },
  {
    method: "POST",
    path: "/app/hook/deliveries/{delivery_id}/attempts",
    docs: DOCS.redeliver,
    auth: "jwt",
    handle: (ctx) => {
      const d = findDelivery(ctx);
      // GitHub queues the attempt and answers at once; the new attempt shows up in the log.
      void ctx.core.webhooks.redeliver(d.id);
      return json(202, {});
    },
  },
  {
    method: "GET",
    path: "/installation/repositories",
    docs: DOCS.repositories,
    auth: "installation",
    handle: installationRepositories,
  },
];
