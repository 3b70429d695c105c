/**
 * The app's own manifest (`app.yml`): the emulator installs the app with exactly the permissions and events it
 * asks for in production, so a missing permission fails here as it would on GitHub.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Permissions } from "../github/index.js";

export interface Manifest {
  name: string;
  permissions: Permissions;
  events: string[];
}

/** `app.yml` at the package root: two levels up from both `src/sandbox/app/` and `dist-dev/sandbox/app/`. */
const MANIFEST = new URL("../../../app.yml", import.meta.url);

export function readManifest(path: URL = MANIFEST): Manifest {
  const raw = parse(readFileSync(path, "utf8")) as {
    name?: unknown;
    default_permissions?: Permissions;
    default_events?: string[];
  };
  if (!raw.default_permissions || !Array.isArray(raw.default_events))
    throw new Error(`${path.pathname} has no default_permissions or default_events`);
  return {
    name: typeof raw.name === "string" ? raw.name : "app",
    permissions: raw.default_permissions,
    events: raw.default_events,
  };
}
