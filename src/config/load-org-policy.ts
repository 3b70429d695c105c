/**
 * Loads the org policy from the organization's `.github` repository with Probot's config plugin, so
 * `_extends` works as in every Probot app. The repository's own file is read separately (see observe): merging
 * the two Probot's way would let a repository's file replace the policy.
 */
import type { ProbotOctokit } from "probot";
import { httpStatus } from "../github/rest.js";
import { type ConfigProblem, problemsFromZod } from "./config-problem.js";
import { isPlainObject } from "./plain-object.js";
import { CONFIG_PATH, type Policy, policySchema } from "./policy-schema.js";

export const ORG_CONFIG_REPO = ".github";

/**
 * A repository's own `.github/jfrog-oidc.yml`, as the planner should read it: in the org's `.github` repository
 * that file is the org policy (loaded and checked by the org gate), not a repository config to narrow it with.
 */
export function ownConfigText(repo: { name: string; repoConfigText: string | null }): string | null {
  return repo.name.toLowerCase() === ORG_CONFIG_REPO ? null : repo.repoConfigText;
}

export type OrgPolicyResult =
  | { status: "missing"; file: string }
  | { status: "invalid"; file: string; problems: ConfigProblem[] }
  | { status: "ok"; file: string; policy: Policy };

export async function loadOrgPolicy(octokit: ProbotOctokit, org: string): Promise<OrgPolicyResult> {
  const file = `${org}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`;
  let merged: Record<string, unknown> | null;
  try {
    const { files } = await octokit.config.get({ owner: org, repo: ORG_CONFIG_REPO, path: CONFIG_PATH });
    const found = files.filter((f) => f.config !== null);
    if (found.length === 0) return { status: "missing", file };
    // files[0] is the org file; later entries are what it `_extends`: the org file wins over its bases.
    merged = found.reduceRight<Record<string, unknown>>((base, f) => mergePolicy(base, f.config ?? {}), {});
  } catch (error) {
    if (httpStatus(error) !== undefined) throw error; // GitHub trouble: the job is retried, not a policy problem
    return { status: "invalid", file, problems: [{ file, field: "(file)", message: describe(error) }] };
  }
  const parsed = policySchema.safeParse(merged);
  if (!parsed.success) return { status: "invalid", file, problems: problemsFromZod(file, parsed.error) };
  return { status: "ok", file, policy: parsed.data };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The plugin prefixes its own name; the admin needs the reason.
  return message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, "");
}

/**
 * Sections whose fields only make sense together are replaced whole: merging `token: {scope: groups, groups}`
 * over a base `token: {scope: user, username}` key by key would yield a token spec neither file wrote.
 */
const REPLACED_WHOLE = new Set(["provider", "token"]);

export function mergePolicy(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  const out = deepMerge(base, override);
  for (const key of REPLACED_WHOLE) if (key in override) out[key] = override[key];
  return out;
}

/** Objects merge key by key; anything else (arrays included) is replaced by the overriding value. */
export function deepMerge(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}
