import type { Ecosystem } from "../config/policy-schema.js";

/**
 * Root files that identify each ecosystem, in precedence order: the first ecosystem with a match wins.
 *
 * Why this order: a language build file says how the project is built and published, while a Dockerfile is
 * often just packaging around it (a Node service with a Dockerfile is still an npm project), so Docker comes
 * after every language. Among languages, JVM builds (Maven, then Gradle: a repo carrying both usually builds
 * with Maven and keeps Gradle files from a migration) come before npm, Python and Go, because
 * polyglot JVM repositories often carry a package.json for front-end tooling or a requirements.txt for scripts,
 * whereas the reverse is rare. Go beats Python and npm for the same reason (go.mod marks the main artifact).
 */
const ROOT_FILES: ReadonlyArray<readonly [Exclude<Ecosystem, "generic">, readonly string[]]> = [
  ["maven", ["pom.xml"]],
  ["gradle", ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"]],
  ["go", ["go.mod"]],
  ["npm", ["package.json"]],
  ["python", ["pyproject.toml", "setup.py", "setup.cfg", "requirements.txt"]],
  ["docker", ["Dockerfile"]],
];

/** Picks the ecosystem from the names of the files at the repository root; `generic` when nothing matches. */
export function detectEcosystem(rootFileNames: readonly string[]): Ecosystem {
  const present = new Set(rootFileNames);
  for (const [ecosystem, files] of ROOT_FILES) {
    if (files.some((file) => present.has(file))) return ecosystem;
  }
  return "generic";
}
