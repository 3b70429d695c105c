/** The emulated JFrog Access routes. `POST /oidc/token` is listed before `/oidc/:name` so it wins that path. */
import type { RouteDef } from "../shared/router.js";
import type { Route } from "./handler.js";
import { integrationHandlers } from "./integrations.js";
import { mappingHandlers } from "./mappings.js";
import { type ExchangeDeps, exchangeToken } from "./token-exchange.js";

const BASE_PATH = "/access/api/v1";

export function buildRoutes(deps: ExchangeDeps): Array<RouteDef<Route>> {
  const integrations = integrationHandlers(deps.store);
  const mappings = mappingHandlers(deps.store);
  const admin = (handle: Route["handle"], jsonBody = false): Route => ({ auth: true, jsonBody, handle });
  const table: Array<[string, string, Route]> = [
    ["GET", "/system/ping", { auth: false, jsonBody: false, handle: () => ({ status: 200, body: "OK" }) }],
    ["POST", "/oidc/token", { auth: false, jsonBody: true, handle: ({ body }) => exchangeToken(body, deps) }],
    ["GET", "/oidc", admin(integrations.list)],
    ["POST", "/oidc", admin(integrations.create, true)],
    ["GET", "/oidc/:name", admin(integrations.get)],
    ["PUT", "/oidc/:name", admin(integrations.update, true)],
    ["DELETE", "/oidc/:name", admin(integrations.remove)],
    // JFrog's docs show the list path with a trailing slash; clients use both.
    ["GET", "/oidc/:provider/identity_mappings", admin(mappings.list)],
    ["GET", "/oidc/:provider/identity_mappings/", admin(mappings.list)],
    ["POST", "/oidc/:provider/identity_mappings", admin(mappings.create, true)],
    ["POST", "/oidc/:provider/identity_mappings/", admin(mappings.create, true)],
    ["GET", "/oidc/:provider/identity_mappings/:name", admin(mappings.get)],
    ["PUT", "/oidc/:provider/identity_mappings/:name", admin(mappings.update, true)],
    ["DELETE", "/oidc/:provider/identity_mappings/:name", admin(mappings.remove)],
  ];
  return table.map(([method, path, handler]) => ({ method, path: `${BASE_PATH}${path}`, handler }));
}
