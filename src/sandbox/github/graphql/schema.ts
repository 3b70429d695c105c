/**
 * GitHub's real GraphQL schema from `@octokit/graphql-schema`. Built from its introspection JSON, the same source
 * the package's `validate` uses: the SDL file (`schema.idl`) repeats two field definitions and graphql-js refuses
 * to build it. Built once per process (about 150 ms) and shared: a schema is immutable.
 */
import { schema } from "@octokit/graphql-schema";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

let built: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  built ??= buildClientSchema(schema.json as unknown as IntrospectionQuery);
  return built;
}
