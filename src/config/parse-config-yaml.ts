/**
 * The first step for every config file the app reads (org policy, its `_extends` bases, a repository's own file):
 * YAML that parses to a mapping, with no prototype keys anywhere. Anything else is a problem naming the file.
 */
import { parse as parseYaml } from "yaml";
import type { ConfigProblem } from "./config-problem.js";
import { isPlainObject } from "./plain-object.js";
import { prototypeKeyProblems } from "./prototype-keys.js";

export type ParsedConfig =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problems: ConfigProblem[] };

export function parseConfigYaml(text: string, file: string): ParsedConfig {
  let raw: unknown;
  try {
    // An empty file is an empty mapping, as Probot's config plugin reads it.
    raw = parseYaml(text) ?? {};
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ok: false, problems: [{ file, field: "(file)", message: `invalid YAML: ${message}` }] };
  }
  if (!isPlainObject(raw))
    return { ok: false, problems: [{ file, field: "(file)", message: "must be a YAML mapping" }] };
  const problems = prototypeKeyProblems(raw, file);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: raw };
}
