/**
 * GitHub's GraphQL error shape (answered with HTTP 200): `{"errors":[{"type":"NOT_FOUND","path":[…],
 * "locations":[…],"message":"…"}]}` for execution errors, and graphql-ruby's wording with `extensions.code` for
 * invalid documents. graphql-js finds the same problems; the common ones are reworded the way GitHub says them,
 * others keep graphql-js's message.
 */
import type { GraphQLError } from "graphql";

/** An execution error with GitHub's `type` (`NOT_FOUND`, `FORBIDDEN`, `STALE_DATA`, `UNPROCESSABLE`). */
export class TypedGraphQLError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GitHubGraphQLErrorShape {
  type?: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  message: string;
}

type Rewrite = [RegExp, (m: RegExpMatchArray) => { message: string; extensions: Record<string, unknown> }];

const REWRITES: Rewrite[] = [
  [
    /^Cannot query field "(\w+)" on type "(\w+)"\./,
    ([, field, type]) => ({
      message: `Field '${field}' doesn't exist on type '${type}'`,
      extensions: { code: "undefinedField", typeName: type, fieldName: field },
    }),
  ],
  [
    /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./,
    ([, argument, field]) => ({
      message: `Field '${field}' doesn't accept argument '${argument}'`,
      extensions: { code: "argumentNotAccepted", name: field, typeName: "Field", argumentName: argument },
    }),
  ],
  [
    /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./,
    ([, field, argument]) => ({
      message: `Field '${field}' is missing required arguments: ${argument}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: field, arguments: argument },
    }),
  ],
  [
    /^Variable "\$(\w+)" is never used in operation "(\w+)"\./,
    ([, variable, operation]) => ({
      message: `Variable $${variable} is declared by ${operation} but not used`,
      extensions: { code: "variableNotUsed", variableName: variable },
    }),
  ],
  [
    /^Variable "\$(\w+)" is not defined by operation "(\w+)"\./,
    ([, variable, operation]) => ({
      message: `Variable $${variable} is used by ${operation} but not declared`,
      extensions: { code: "variableNotDefined", variableName: variable },
    }),
  ],
  [
    /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    ([, field, type]) => ({
      message: `Field must have selections (field '${field}' returns ${type} but has no selections. Did you mean '${field} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: field, typeName: type },
    }),
  ],
];

function locations(error: GraphQLError) {
  return error.locations?.map(({ line, column }) => ({ line, column }));
}

/** A validation (or parse) error of the document, in GitHub's words where known. */
export function documentError(error: GraphQLError): GitHubGraphQLErrorShape {
  for (const [pattern, rewrite] of REWRITES) {
    const match = error.message.match(pattern);
    if (match) return { ...rewrite(match), locations: locations(error) };
  }
  return { message: error.message.replace(/^Syntax Error: /, "Parse error: "), locations: locations(error) };
}

/** A bad variable value: GitHub names the variable and its type, and explains in `problems`. */
export function variableError(
  error: GraphQLError,
  typeOf: (name: string) => string | undefined,
): GitHubGraphQLErrorShape {
  const match = error.message.match(
    /^Variable "\$(\w+)" (?:of (?:required |non-null )?type "[^"]+" (?:was not provided|must not be null)\.|got invalid value (.*))$/s,
  );
  if (!match) return { message: error.message, locations: locations(error) };
  const [, name = "", detail] = match;
  const explanation = detail
    ? detail.split("; ").slice(1).join("; ") || detail
    : "Expected value to not be null";
  return {
    extensions: { value: null, problems: [{ path: [], explanation }] },
    locations: locations(error),
    message: `Variable $${name} of type ${typeOf(name) ?? "unknown"} was provided invalid value`,
  };
}

/** An error raised while resolving fields: typed ones carry GitHub's `type`. */
export function executionError(error: GraphQLError): GitHubGraphQLErrorShape {
  const original = error.originalError;
  const type = original instanceof TypedGraphQLError ? original.type : undefined;
  return {
    ...(type && { type }),
    path: error.path,
    locations: locations(error),
    message: error.message,
  };
}
