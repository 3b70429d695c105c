/**
 * Combines the org policy with a repository's own `.github/jfrog-oidc.yml`.
 *
 * A repository may opt out, add narrowing claims and choose workflow options. It can never widen what the org
 * grants: any attempt is refused with a message naming the field, and the org policy stands for that field.
 * A file that does not parse at all is an error for that repository: nothing is written for it until it is fixed,
 * because guessing (e.g. ignoring a broken `enabled: false`) could onboard a repository that asked not to be.
 */
import { type ConfigProblem, problemsFromZod } from "./config-problem.js";
import { withDefaultRefs } from "./default-refs.js";
import { parseConfigYaml } from "./parse-config-yaml.js";
import { isPlainObject } from "./plain-object.js";
import {
  ANY_REF,
  type Claims,
  hasExactRefs,
  type Policy,
  type RepoConfig,
  repoConfigSchema,
} from "./policy-schema.js";

/** Top-level keys only the org policy may set. */
const ORG_ONLY = ["provider", "projectKey", "token", "priority", "repositories", "pullRequest"] as const;
/** Workflow keys only the org policy may set: they decide which action runs and where the token comes from. */
const ORG_ONLY_WORKFLOW = ["path", "setupJfrogCli", "jfrogUrl", "repositories"] as const;

export type EffectiveConfig =
  | {
      status: "ok";
      policy: Policy;
      optedOut: boolean;
      /** Widening attempts that were refused (the org value was kept). */
      refused: ConfigProblem[];
    }
  | { status: "invalid"; problems: ConfigProblem[] };

export function applyRepoConfig(
  orgPolicy: Policy,
  repoFileText: string | null,
  file: string,
): EffectiveConfig {
  // The refs come from the ORG's workflow triggers: a repository that adds a trigger does not widen its token.
  const policy = withDefaultRefs(orgPolicy);
  if (repoFileText === null) return { status: "ok", policy, optedOut: false, refused: [] };

  const yamlFile = parseConfigYaml(repoFileText, file);
  if (!yamlFile.ok) return { status: "invalid", problems: yamlFile.problems };

  const refused: ConfigProblem[] = [];
  const rest = stripOrgOnly(yamlFile.value, file, refused);
  const parsed = repoConfigSchema.safeParse(rest);
  if (!parsed.success) return { status: "invalid", problems: problemsFromZod(file, parsed.error) };

  const repo = parsed.data;
  const claims = narrowClaims(policy.claims, repo.claims, file, refused);
  const workflow = { ...policy.workflow, ...definedOnly(repo.workflow) };
  return {
    status: "ok",
    policy: { ...policy, claims, workflow },
    optedOut: !repo.enabled,
    refused,
  };
}

function stripOrgOnly(
  raw: Record<string, unknown>,
  file: string,
  refused: ConfigProblem[],
): Record<string, unknown> {
  const rest = withoutKeys(raw, ORG_ONLY, "", file, refused);
  if (isPlainObject(rest.workflow))
    rest.workflow = withoutKeys(rest.workflow, ORG_ONLY_WORKFLOW, "workflow.", file, refused);
  return rest;
}

/** A copy of `section` without `keys`, each one found refused under its dotted field name. */
function withoutKeys(
  section: Record<string, unknown>,
  keys: readonly string[],
  prefix: string,
  file: string,
  refused: ConfigProblem[],
): Record<string, unknown> {
  const kept = { ...section };
  for (const key of keys) {
    if (!(key in kept)) continue;
    refused.push({
      file,
      field: `${prefix}${key}`,
      message: "can only be set in the org policy; the org value applies",
    });
    delete kept[key];
  }
  return kept;
}

/**
 * Each claim list may only shrink: when the org pins values, the repository's must be a subset of them
 * (compared literally; a wildcard in the org list does not admit a narrower pattern, which fails closed).
 */
function narrowClaims(
  org: Claims,
  repo: RepoConfig["claims"],
  file: string,
  refused: ConfigProblem[],
): Claims {
  if (!repo) return org;
  const out: Claims = { ...org };
  for (const key of ["ref", "environment"] as const) {
    const wanted = repo[key];
    if (!wanted) continue;
    const allowed = org[key];
    const admitsAll = key === "ref" && allowed?.includes(ANY_REF);
    const outside = allowed && !admitsAll ? wanted.filter((v) => !allowed.includes(v)) : [];
    if (outside.length > 0) {
      refused.push({
        file,
        field: `claims.${key}`,
        message: `${outside.join(", ")} not allowed by the org policy (allowed: ${allowed?.join(", ")}); the org value applies`,
      });
    } else {
      out[key] = wanted;
    }
  }
  if (repo.pinWorkflow === false && org.pinWorkflow) {
    refused.push({
      file,
      field: "claims.pinWorkflow",
      message: "the org policy pins the workflow; a repository cannot drop a pinned claim",
    });
  } else if (repo.pinWorkflow) {
    if (!hasExactRefs(out.ref)) {
      refused.push({
        file,
        field: "claims.pinWorkflow",
        message: "needs exact refs in claims.ref (from this file or the org policy)",
      });
    } else {
      out.pinWorkflow = true;
    }
  }
  return out;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
