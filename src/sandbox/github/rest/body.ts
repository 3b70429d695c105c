/**
 * Request-body checks with GitHub's answers: a missing field is `422 Invalid request. "x" wasn't supplied.`, a
 * wrong type `422 … is not a string.` Handlers call these and let the thrown {@link RestFailure} become the answer.
 */
import { type HttpResponse, isJsonObject } from "../../shared/http.js";
import { githubError, missingField, wrongType } from "../errors.js";
import { OperationError } from "../operations.js";

export class RestFailure extends Error {
  constructor(readonly response: HttpResponse) {
    super(`REST failure ${response.status}`);
  }
}

export function fail(response: HttpResponse): never {
  throw new RestFailure(response);
}

export type Fields = Record<string, unknown>;

export function objectBody(body: unknown, docs: string): Fields {
  if (isJsonObject(body)) return body;
  return fail(
    githubError(422, `Invalid request.\n\nFor 'links/0/schema', ${JSON.stringify(body)} is not an object.`, {
      docs,
    }),
  );
}

export function requiredString(body: Fields, field: string, docs: string): string {
  const value = body[field];
  if (value === undefined || value === null) fail(missingField(field, docs));
  if (typeof value !== "string") fail(wrongType(field, value, "a string", docs));
  return value;
}

export function optionalString(body: Fields, field: string, docs: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(wrongType(field, value, "a string", docs));
  return value;
}

export function optionalBoolean(body: Fields, field: string, docs: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") fail(wrongType(field, value, "a boolean", docs));
  return value;
}

export function optionalStrings(body: Fields, field: string, docs: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    fail(wrongType(field, value, "an array of strings", docs));
  return value as string[];
}

/** A path number (`{pull_number}`): GitHub answers 404 for anything that is not one. */
export function pathNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

/** The message of an {@link OperationError}, or rethrows anything else (a bug: the emulator answers 500). */
export function operationMessage(error: unknown): { kind: OperationError["kind"]; message: string } {
  if (error instanceof OperationError) return { kind: error.kind, message: error.message };
  throw error;
}
