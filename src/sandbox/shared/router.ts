/**
 * A tiny method + path router: `/oidc/:provider/identity_mappings/:name`. Routes are tried in order, so a literal
 * route listed first (`POST /oidc/token`) wins over a parameterised one (`/oidc/:name`) on the same path.
 */
export interface RouteDef<H> {
  method: string;
  /** Literal segments and `:param` segments; `/a/` and `/a` are different paths (list both to accept both). */
  path: string;
  handler: H;
}

export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: string[] }
  | { kind: "not-found" };

interface Compiled<H> extends RouteDef<H> {
  regex: RegExp;
  keys: string[];
}

function compile<H>(def: RouteDef<H>): Compiled<H> {
  const keys: string[] = [];
  const source = def.path
    .split("/")
    .map((segment) => {
      if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      keys.push(segment.slice(1));
      return "([^/]+)";
    })
    .join("/");
  return { ...def, regex: new RegExp(`^${source}$`), keys };
}

function decodeParams(keys: string[], values: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    keys.forEach((key, i) => {
      params[key] = decodeURIComponent(values[i] ?? "");
    });
  } catch {
    return undefined; // malformed %-escape: no resource can have that name
  }
  return params;
}

export function createRouter<H>(defs: Array<RouteDef<H>>): (method: string, path: string) => RouteMatch<H> {
  const routes = defs.map(compile);
  return (method, path) => {
    const allow = new Set<string>();
    for (const route of routes) {
      const match = route.regex.exec(path);
      if (!match) continue;
      if (route.method !== method) {
        allow.add(route.method);
        continue;
      }
      const params = decodeParams(route.keys, match.slice(1));
      if (!params) return { kind: "not-found" };
      return { kind: "found", handler: route.handler, params };
    }
    return allow.size > 0 ? { kind: "method-not-allowed", allow: [...allow] } : { kind: "not-found" };
  };
}
