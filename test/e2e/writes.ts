/** What the app changed, read from the emulators' request logs. */
import type { World } from "../../src/sandbox/world.js";

/** Requests that change something, as `METHOD path` (REST without `/api/v3`; a GraphQL mutation by its name). */
export function writesSince(world: World, mark: { github: number; jfrog: number }) {
  const github = world.github.requests
    .slice(mark.github)
    .filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens"))
    .flatMap((r) => {
      if (!r.path.endsWith("/graphql")) return [`${r.method} ${r.path.replace(/^\/api\/v3/, "")}`];
      const document = String((r.body as { query?: unknown } | undefined)?.query ?? "").trim();
      return document.startsWith("mutation") ? [`POST /graphql ${document.split(/[\s({]/)[1]}`] : [];
    });
  const jfrog = world.jfrog.requests
    .slice(mark.jfrog)
    .filter((r) => r.method !== "GET")
    .map((r) => `${r.method} ${r.path}`);
  return { github, jfrog };
}
