import type { Ecosystem } from "../config/policy-schema.js";

/**
 * Root files that identify each ecosystem, in precedence order: the first ecosystem with a match wins.
 *
 * - Every language before Docker: a Dockerfile is usually packaging around a build the language file
 *   describes (a Node service with a Dockerfile is still an npm project).
 * - JVM (Maven, Gradle) before Go, Go before npm, npm before Python: polyglot repositories tend to carry
 *   package.json for front-end tooling or requirements.txt for scripts next to their main build, not the
 *   other way round.
 * - Maven before Gradle has no deeper reason than being fixed; a repository with both can set
 *   `workflow.ecosystem` in its own config.
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
