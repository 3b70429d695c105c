/**
 * A tiny method + path router: `/oidc/:provider/identity_mappings/:name`. Routes are tried in order, so a literal
 * route listed first (`POST /oidc/token`) wins over a parameterised one (`/oidc/:name`) on the same path.
 * A last segment `*param` takes the rest of the path, slashes included (GitHub's `contents/{path}`).
 */
export interface RouteDef<H> {
  method: string;
  /**
   * Literal segments, `:param` segments and a trailing `*param` (one or more segments); `/a/` and `/a` are
   * different paths (list both to accept both).
   */
  path: string;
  handler: H;
}

export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

/**
 * The raw params when `path` fits `pattern`; a `:param` takes one non-empty segment, a trailing `*param` the
 * non-empty rest of the path.
 */
function matchPath(pattern: string[], path: string[]): Record<string, string> | undefined {
  const rest = pattern.at(-1)?.startsWith("*") ? pattern.length - 1 : -1;
  if (rest < 0 ? pattern.length !== path.length : path.length <= rest) return undefined;
  const params: Record<string, string> = {};
  for (const [i, expected] of pattern.entries()) {
    const actual = i === rest ? path.slice(i).join("/") : (path[i] ?? "");
    if (i === rest) {
      if (path.slice(i).some((segment) => segment === "")) return undefined;
      params[expected.slice(1)] = actual;
    } else if (!expected.startsWith(":")) {
      if (expected !== actual) return undefined;
    } else if (actual === "") {
      return undefined;
    } else {
      params[expected.slice(1)] = actual;
    }
  }
  return params;
}

function decodeAll(params: Record<string, string>): Record<string, string> | undefined {
  try {
    return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, decodeURIComponent(value)]));
  } catch {
    return undefined; // a malformed %-escape: no resource can have that name
  }
}

export function createRouter<H>(defs: Array<RouteDef<H>>): (method: string, path: string) => RouteMatch<H> {
  const routes = defs.map((def) => ({ ...def, segments: def.path.split("/") }));
  return (method, path) => {
    const segments = path.split("/");
    const allow = new Set<string>();
    for (const route of routes) {
      const raw = matchPath(route.segments, segments);
      if (!raw) continue;
      if (route.method !== method) {
        allow.add(route.method);
        continue;
      }
      const params = decodeAll(raw);
      return params ? { kind: "found", handler: route.handler, params } : { kind: "not-found" };
    }
    return allow.size > 0 ? { kind: "method-not-allowed", allow: [...allow] } : { kind: "not-found" };
  };
}
