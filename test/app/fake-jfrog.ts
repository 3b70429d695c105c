/**
 * JFrog Access at the network edge for Probot tests: nock interceptors backed by a map of integrations and
 * mappings, recording every request (method, path, body) and able to fail the next N calls.
 */
import nock from "nock";
import type { IdentityMapping, OidcIntegration } from "../../src/jfrog/types.js";

export const JFROG_URL = "https://acme.jfrog.io";
export const JFROG_TOKEN =
  "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZmFjQDAxL3VzZXJzL2FkbWluIn0.c2VjcmV0LXNpZ25hdHVyZQ";
const BASE = "/access/api/v1/oidc";

export class FakeJFrog {
  /** @param timeline shared with the GitHub fake, to assert the order of calls across both services */
  constructor(private readonly timeline: string[] = []) {}

  readonly integrations = new Map<string, OidcIntegration>();
  /** Global mappings; those sent with `?project_key=` live in `projectMappings`, as JFrog partitions them. */
  readonly mappings = new Map<string, IdentityMapping>();
  readonly projectMappings = new Map<string, Map<string, IdentityMapping>>();
  readonly requests: Array<{ method: string; path: string; body: unknown }> = [];
  /** Answer the next N requests with this status (an outage). */
  outage: { status: number; remaining: number } | null = null;
  readonly authHeaders = new Set<string>();
  /** `METHOD path` → status for the next N requests to that route. */
  private readonly routeFaults = new Map<string, { status: number; remaining: number }>();

  failNext(route: string, status: number, times = 1): void {
    this.routeFaults.set(route, { status, remaining: times });
  }

  withIntegration(overrides: Partial<OidcIntegration> = {}): this {
    const integration: OidcIntegration = {
      name: "github-acme",
      issuer_url: "https://token.actions.githubusercontent.com",
      provider_type: "GitHub",
      audience: "jfrog-github",
      organization: "Octocoders",
      ...overrides,
    };
    this.integrations.set(integration.name, integration);
    return this;
  }

  writes(): string[] {
    return this.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
  }

  install(): void {
    const scope = nock(JFROG_URL).persist();
    for (const method of ["get", "post", "put", "delete"] as const)
      scope[method](/^\/access\/api\/v1\//).reply(function (uri, body) {
        return fake.handle(method.toUpperCase(), uri, body, this.req.headers.authorization);
      });
    const fake = this;
  }

  inProject(project: string): Map<string, IdentityMapping> {
    const found = this.projectMappings.get(project) ?? new Map<string, IdentityMapping>();
    this.projectMappings.set(project, found);
    return found;
  }

  private handle(method: string, uri: string, body: unknown, auth: string | undefined): nock.ReplyFnResult {
    const url = new URL(uri, JFROG_URL);
    const path = decodeURIComponent(url.pathname);
    const project = url.searchParams.get("project_key");
    this.requests.push({ method, path, body: body === "" ? null : body });
    this.timeline.push(`jfrog ${method} ${path}`);
    if (auth) this.authHeaders.add(auth);
    const fault = this.routeFaults.get(`${method} ${path}`) ?? this.outage;
    if (fault && fault.remaining > 0) {
      fault.remaining--;
      return [fault.status, { errors: [{ code: "INTERNAL", message: "Service unavailable" }] }];
    }
    if (auth !== `Bearer ${JFROG_TOKEN}`)
      return [401, { errors: [{ code: "UNAUTHORIZED", message: "Bad credentials" }] }];
    const notFound: nock.ReplyFnResult = [404, { errors: [{ code: "NOT_FOUND", message: "Not found" }] }];
    if (path === BASE && method === "GET") return [200, [...this.integrations.values()]];
    if (path === BASE && method === "POST") {
      const integration = body as OidcIntegration;
      if (this.integrations.has(integration.name))
        return [409, { errors: [{ code: "CONFLICT", message: "exists" }] }];
      this.integrations.set(integration.name, integration);
      return [201, integration];
    }
    const mappingRoute = path.match(/^\/access\/api\/v1\/oidc\/([^/]+)\/identity_mappings(?:\/([^/]+))?\/?$/);
    if (mappingRoute) {
      const [, provider = "", name] = mappingRoute;
      if (!this.integrations.has(provider)) return notFound;
      const mappings = project ? this.inProject(project) : this.mappings;
      if (method === "POST") {
        const mapping = body as IdentityMapping;
        if (mappings.has(mapping.name))
          return [409, { errors: [{ code: "CONFLICT", message: "Identity mapping already exists" }] }];
        mappings.set(mapping.name, mapping);
        return [201, mapping];
      }
      if (!name) return method === "GET" ? [200, [...mappings.values()]] : notFound;
      const existing = mappings.get(name);
      if (!existing) return notFound;
      if (method === "GET") return [200, { ...existing, provider_name: provider }];
      if (method === "PUT") {
        mappings.set(name, body as IdentityMapping);
        return [200, body as nock.Body];
      }
      mappings.delete(name);
      return [204, ""];
    }
    const integrationRoute = path.match(/^\/access\/api\/v1\/oidc\/([^/]+)$/);
    if (integrationRoute && method === "GET") {
      const integration = this.integrations.get(integrationRoute[1] ?? "");
      return integration ? [200, integration] : notFound;
    }
    return notFound;
  }
}
