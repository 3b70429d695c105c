/**
 * `/access/api/v1/oidc/{provider}/identity_mappings[/{name}]`: identity mapping CRUD. `?project_key=KEY` selects
 * the project's partition on every call; without it the global one.
 */
import { type HttpResponse, isJsonObject, json } from "../shared/http.js";
import { jfrogError } from "./errors.js";
import type { Handler, HandlerContext } from "./handler.js";
import type { Store } from "./store.js";
import { validateMapping } from "./validate-mapping.js";

interface Scope {
  provider: string;
  projectKey: string | undefined;
  name: string;
}

/** The provider must exist and `project_key`, when present, must not be empty. */
function resolveScope(store: Store, { params, query }: HandlerContext): Scope | HttpResponse {
  const provider = params.provider ?? "";
  const projectKey = query.get("project_key") ?? undefined;
  if (projectKey === "") return jfrogError(400, "project_key must not be empty");
  if (!store.getIntegration(provider)) return jfrogError(404, `OIDC integration '${provider}' not found`);
  return { provider, projectKey, name: params.name ?? "" };
}

function describe({ provider, projectKey, name }: Scope): string {
  return `Identity mapping '${name}' of OIDC integration '${provider}'${projectKey ? ` in project '${projectKey}'` : ""}`;
}

export function mappingHandlers(store: Store) {
  /** Runs `handler` once the scope is known; answers 404/400 itself otherwise. */
  const scoped =
    (handler: (scope: Scope, ctx: HandlerContext) => HttpResponse): Handler =>
    (ctx) => {
      const scope = resolveScope(store, ctx);
      return "status" in scope ? scope : handler(scope, ctx);
    };

  const list = scoped(({ provider, projectKey }) => json(200, store.listMappings(provider, projectKey)));

  const create = scoped((scope, { body }) => {
    const result = validateMapping(body, scope.provider, scope.projectKey);
    if (!result.ok) return jfrogError(400, result.message);
    const named = { ...scope, name: result.value.name };
    if (store.getMapping(scope.provider, scope.projectKey, named.name))
      return jfrogError(409, `${describe(named)} already exists`);
    store.putMapping(scope.provider, scope.projectKey, result.value);
    return json(201, result.value);
  });

  const get = scoped((scope) => {
    const mapping = store.getMapping(scope.provider, scope.projectKey, scope.name);
    return mapping ? json(200, mapping) : jfrogError(404, `${describe(scope)} not found`);
  });

  const update = scoped((scope, { body }) => {
    if (!store.getMapping(scope.provider, scope.projectKey, scope.name))
      return jfrogError(404, `${describe(scope)} not found`);
    const result = validateMapping(
      isJsonObject(body) ? { name: scope.name, ...body } : body,
      scope.provider,
      scope.projectKey,
    );
    if (!result.ok) return jfrogError(400, result.message);
    if (result.value.name !== scope.name) {
      return jfrogError(
        400,
        `Body name '${result.value.name}' differs from '${scope.name}' in the path: mappings cannot be renamed`,
      );
    }
    store.putMapping(scope.provider, scope.projectKey, result.value);
    return json(200, result.value);
  });

  const remove = scoped((scope) =>
    store.deleteMapping(scope.provider, scope.projectKey, scope.name)
      ? json(204)
      : jfrogError(404, `${describe(scope)} not found`),
  );

  return { list, create, get, update, remove };
}
