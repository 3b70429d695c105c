/** `/access/api/v1/oidc[/{name}]`: OIDC integration CRUD. PUT replaces the whole object (JFrog has no PATCH). */
import { isJsonObject, json } from "../shared/http.js";
import { jfrogError } from "./errors.js";
import type { Handler } from "./handler.js";
import type { Store } from "./store.js";
import { validateIntegration } from "./validate-integration.js";

const notFound = (name: string) => jfrogError(404, `OIDC integration '${name}' not found`);

export function integrationHandlers(store: Store) {
  const list: Handler = () => json(200, store.listIntegrations());

  const create: Handler = ({ body }) => {
    const result = validateIntegration(body);
    if (!result.ok) return jfrogError(400, result.message);
    if (store.getIntegration(result.value.name)) {
      return jfrogError(409, `OIDC integration '${result.value.name}' already exists`);
    }
    store.putIntegration(result.value);
    return json(201, result.value);
  };

  const get: Handler = ({ params }) => {
    const integration = store.getIntegration(params.name ?? "");
    return integration ? json(200, integration) : notFound(params.name ?? "");
  };

  const update: Handler = ({ params, body }) => {
    const name = params.name ?? "";
    if (!store.getIntegration(name)) return notFound(name);
    const result = validateIntegration(isJsonObject(body) ? { name, ...body } : body);
    if (!result.ok) return jfrogError(400, result.message);
    if (result.value.name !== name) {
      return jfrogError(
        400,
        `Body name '${result.value.name}' differs from '${name}' in the path: integrations cannot be renamed`,
      );
    }
    store.putIntegration(result.value);
    return json(200, result.value);
  };

  const remove: Handler = ({ params }) => {
    const name = params.name ?? "";
    return store.deleteIntegration(name) ? json(204) : notFound(name);
  };

  return { list, create, get, update, remove };
}
