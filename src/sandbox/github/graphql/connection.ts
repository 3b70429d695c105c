/**
 * Relay connections (`nodes`, `edges`, `pageInfo`, `totalCount`) with `first`/`last`/`after`/`before` paging, as
 * GitHub serves them: one of `first` and `last` is required, at most 100.
 */
import { TypedGraphQLError } from "./errors.js";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString("base64");

function index(c: string | null | undefined): number | undefined {
  if (!c) return undefined;
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(c, "base64").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

function checkBounds(name: string, args: PageArgs): void {
  if (args.first == null && args.last == null)
    throw new TypedGraphQLError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
    );
  for (const bound of ["first", "last"] as const) {
    const value = args[bound];
    if (value != null && (value < 0 || value > 100))
      throw new TypedGraphQLError(
        "EXCESSIVE_PAGINATION",
        `Requesting ${value} records on the \`${name}\` connection exceeds the \`${bound}\` limit of 100 records.`,
      );
  }
}

export function connection<T>(name: string, items: readonly T[], args: PageArgs) {
  checkBounds(name, args);
  const start = (index(args.after) ?? -1) + 1;
  const end = Math.min(index(args.before) ?? items.length, items.length);
  let slice = items.slice(start, end).map((node, i) => ({ node, cursor: cursor(start + i) }));
  const first = args.first ?? undefined;
  const last = args.last ?? undefined;
  const total = slice.length;
  if (first !== undefined) slice = slice.slice(0, first);
  if (last !== undefined) slice = slice.slice(Math.max(0, slice.length - last));
  return {
    totalCount: items.length,
    nodes: slice.map((e) => e.node),
    edges: slice,
    pageInfo: {
      hasNextPage: first !== undefined && total > first,
      hasPreviousPage: start > 0 || (last !== undefined && total > last),
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * A forward-only page (`first`, `after`) over a list that only grows at its end, visiting only the items the page
 * needs: the cursor is the item's position in the whole list, so later additions never shift a cursor.
 */
export function pageForward<T>(
  name: string,
  items: readonly T[],
  keep: (item: T) => boolean,
  args: PageArgs,
) {
  checkBounds(name, args);
  if (args.first == null || args.last != null || args.before != null)
    throw new TypedGraphQLError(
      "UNPROCESSABLE",
      `The GitHub emulator pages \`${name}\` forward only (first and after)`,
    );
  const start = (index(args.after) ?? -1) + 1;
  const edges: Array<{ node: T; cursor: string }> = [];
  let at = start;
  let hasNextPage = false;
  for (; at < items.length; at++) {
    const item = items[at] as T;
    if (!keep(item)) continue;
    if (edges.length === args.first) {
      hasNextPage = true;
      break;
    }
    edges.push({ node: item, cursor: cursor(at) });
  }
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
