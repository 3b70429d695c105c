/**
 * The last branch of a `switch` over a union: it compiles only while every member has its case, so a new action
 * kind or reason cannot slip through unhandled. Reached at run time only by data the types lied about.
 */
export function unreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
