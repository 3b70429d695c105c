/**
 * `POST /api/graphql`: authenticate, parse, validate against GitHub's schema, execute against the emulator's
 * state. Problems with the document or its variables are answered like GitHub: HTTP 200 with `errors` and no
 * `data`; execution errors come with partial `data`. Only authentication (401) and the secondary limit (403)
 * change the HTTP status.
 */
import type { IncomingMessage } from "node:http";
import {
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLFieldResolver,
  getOperationAST,
  parse,
  print,
  validate,
} from "graphql";
import { type HttpResponse, isJsonObject, parseJson } from "../../shared/http.js";
import { credential, installationGrant } from "../auth/caller.js";
import type { Core } from "../core.js";
import { githubError } from "../errors.js";
import { readGitHubJson } from "../request-body.js";
import type { GraphQLContext } from "./context.js";
import { documentError, executionError, variableError } from "./errors.js";
import { mutationRoot, queryRoot } from "./root.js";
import { githubSchema } from "./schema.js";

const GRAPHQL_DOCS = "https://docs.github.com/graphql";
const AUTH_DOCS =
  "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";

export interface GraphQLOutcome {
  response: HttpResponse;
  repositories: string[];
}

/** Fields are plain properties or methods of the node objects; anything else was not built into the emulator. */
const fieldResolver: GraphQLFieldResolver<unknown, GraphQLContext> = (source, args, context, info) => {
  const node = source as Record<string, unknown> | null;
  if (typeof node !== "object" || node === null || !(info.fieldName in node))
    throw new GraphQLError(
      `The GitHub emulator does not implement ${info.parentType.name}.${info.fieldName}`,
    );
  const value = node[info.fieldName];
  return typeof value === "function" ? value.call(node, args, context, info) : value;
};

const errorsOnly = (errors: unknown[]): HttpResponse => ({ status: 200, body: { errors } });

interface Request {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

function parseRequest(body: unknown): Request | HttpResponse {
  const fields = isJsonObject(body) ? body : {};
  if (typeof fields.query !== "string" || fields.query.trim() === "")
    return errorsOnly([{ message: "A query attribute must be specified and must be a string." }]);
  let variables: unknown = fields.variables ?? {};
  // Some clients send the variables as a JSON string; GitHub accepts that.
  if (typeof variables === "string") {
    const parsed = parseJson(variables);
    variables = parsed.ok ? parsed.value : undefined;
  }
  if (!isJsonObject(variables)) return errorsOnly([{ message: "Variables are invalid JSON." }]);
  const operationName = typeof fields.operationName === "string" ? fields.operationName : undefined;
  return {
    query: fields.query,
    variables,
    ...(operationName && { operationName }),
  };
}

function variableType(document: DocumentNode, operationName: string | undefined) {
  const operation = getOperationAST(document, operationName);
  return (name: string) => {
    const definition = operation?.variableDefinitions?.find((v) => v.variable.name.value === name);
    return definition ? print(definition.type) : undefined;
  };
}

export function createGraphQLDispatcher(core: Core) {
  return async function dispatchGraphQL(req: IncomingMessage, method: string): Promise<GraphQLOutcome> {
    const none: string[] = [];
    if (method !== "POST")
      return { response: githubError(404, "Not Found", { docs: GRAPHQL_DOCS }), repositories: none };
    const token = credential(req.headers.authorization);
    const caller = installationGrant(core, token);
    if (!caller) {
      const message = token ? "Bad credentials" : "This endpoint requires you to be authenticated.";
      return { response: githubError(401, message, { docs: AUTH_DOCS }), repositories: none };
    }
    const json = await readGitHubJson(req, { docs: GRAPHQL_DOCS });
    if (!json.ok) return { response: json.response, repositories: none };
    const request = parseRequest(json.value);
    if ("status" in request) return { response: request, repositories: none };

    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return { response: errorsOnly([documentError(error as GraphQLError)]), repositories: none };
    }
    const schema = githubSchema();
    const invalid = validate(schema, document);
    if (invalid.length > 0) return { response: errorsOnly(invalid.map(documentError)), repositories: none };

    const ctx: GraphQLContext = { core, ...caller, touched: new Set() };
    const operation = getOperationAST(document, request.operationName);
    const result = await execute({
      schema,
      document,
      rootValue: operation?.operation === "mutation" ? mutationRoot(ctx) : queryRoot(ctx),
      contextValue: ctx,
      variableValues: request.variables,
      operationName: request.operationName,
      fieldResolver,
    });
    const repositories = [...ctx.touched];
    if (ctx.refused) return { response: ctx.refused, repositories };
    if (!("data" in result) || result.data === undefined) {
      // Variable coercion failed before execution began.
      const typeOf = variableType(document, request.operationName);
      return {
        response: errorsOnly((result.errors ?? []).map((e) => variableError(e, typeOf))),
        repositories,
      };
    }
    const body = result.errors?.length
      ? { data: result.data, errors: result.errors.map(executionError) }
      : { data: result.data };
    return { response: { status: 200, body }, repositories };
  };
}
