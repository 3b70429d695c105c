import { z } from "zod";

/**
 * Parses a value the renderer relies on against the same policy schema that admitted it: callers may build
 * `WorkflowInput` by hand (tests, the dry-run planner), and shape-constrained values (repository keys, action
 * refs, variable names) are what keeps the rendered workflow well-formed.
 */
export function recheck<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${field} is invalid:\n${z.prettifyError(result.error)}`);
  return result.data;
}
