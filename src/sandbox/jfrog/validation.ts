/** Small checks shared by the integration and mapping validators. Each returns a message, or undefined when fine. */
import type { JsonObject } from "../shared/http.js";

export type Validated<T> = { ok: true; value: T } | { ok: false; message: string };

export function requiredString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === "") return `${field} is required`;
  return typeof value === "string" ? undefined : `${field} must be a string`;
}

export function optionalOfType(
  body: JsonObject,
  field: string,
  type: "string" | "boolean",
): string | undefined {
  const value = body[field];
  return value === undefined || typeof value === type ? undefined : `${field} must be a ${type}`;
}

/** Copies the listed fields that are present, in that order: what is stored is exactly what was given. */
export function pick<T>(body: JsonObject, fields: readonly string[]): T {
  const out: JsonObject = {};
  for (const field of fields) if (body[field] !== undefined) out[field] = body[field];
  return out as T;
}

export function firstProblem(...checks: Array<string | undefined>): string | undefined {
  return checks.find((message) => message !== undefined);
}
