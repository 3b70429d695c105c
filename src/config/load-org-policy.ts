/**
 * Loads the org policy from the organization's `.github` repository, following `_extends` the way Probot apps do.
 *
 * The files are read here rather than with Probot's config plugin (`octokit.config.get`): the plugin answers a base
 * that 404s with an empty config, so a policy whose base could not be read was applied WITHOUT the base's narrowing.
 * Here every base must be read, parsed and free of prototype keys, or the whole policy is invalid (fail closed),
 * with the `_extends` that could not be followed named in the problem. The repository's own file is read
 * separately (see observe): merging the two Probot's way would let a repository's file replace the policy.
 */
import type { ProbotOctokit } from "probot";
import type { ConfigProblem } from "./config-problem.js";
import { problemsFromZod } from "./config-problem.js";
import { extendsTarget, sameFile } from "./extends-target.js";
import { mergePolicy } from "./merge-policy.js";
import { parseConfigYaml } from "./parse-config-yaml.js";
import { isPlainObject } from "./plain-object.js";
import { CONFIG_PATH, GITHUB_ISSUER, type Policy, policySchema } from "./policy-schema.js";
import { type FileAt, fileLabel, readRepoFile } from "./read-repo-file.js";

export { deepMerge, mergePolicy } from "./merge-policy.js";

export const ORG_CONFIG_REPO = ".github";

/** The org's `.github` repository: its `.github/jfrog-oidc.yml` is the org policy, never a repository config. */
export function isOrgPolicyRepository(name: string): boolean {
  return name.toLowerCase() === ORG_CONFIG_REPO;
}

/**
 * A repository's own `.github/jfrog-oidc.yml`, as the planner should read it: in the org's `.github` repository
 * that file is the org policy (loaded and checked by the org gate), not a repository config to narrow it with.
 */
export function ownConfigText(repo: { name: string; repoConfigText: string | null }): string | null {
  return isOrgPolicyRepository(repo.name) ? null : repo.repoConfigText;
}

/** A policy, its base, and that base's base… A longer chain is a mistake, not a design. */
const MAX_FILES = 5;

/** Defaults that depend on where the app runs (the operator's environment), not on any file. */
export interface PolicyDefaults {
  /** `https://token.actions.githubusercontent.com`, or `https://<GHE_HOST>/_services/token` on GHES. */
  issuer: string;
}

/** One file of the policy as it was read: the org file first, then each base it `_extends`. */
export interface PolicySource {
  at: FileAt;
  text: string;
}

export type OrgPolicyResult =
  | { status: "missing"; file: string }
  | { status: "invalid"; file: string; problems: ConfigProblem[]; sources: PolicySource[] }
  | { status: "ok"; file: string; policy: Policy; sources: PolicySource[] };

export interface LoadOptions {
  /**
   * Read the policy as a pull request would make it (its head commit): the org file and every base in the org's
   * `.github` repository at this ref; a base in another repository at its default branch. Default: as applied.
   */
  ref?: string;
}

export async function loadOrgPolicy(
  octokit: ProbotOctokit,
  org: string,
  defaults: PolicyDefaults = { issuer: GITHUB_ISSUER },
  options: LoadOptions = {},
): Promise<OrgPolicyResult> {
  const root: FileAt = { owner: org, repo: ORG_CONFIG_REPO, path: CONFIG_PATH };
  const file = fileLabel(root);
  const refFor = (at: FileAt) =>
    options.ref !== undefined && sameRepository(at, root) ? options.ref : undefined;
  const first = await readRepoFile(octokit, root, refFor(root));
  if (first.status === "missing") return { status: "missing", file };
  const sources: PolicySource[] = [];
  const invalid = (problems: ConfigProblem[]): OrgPolicyResult => ({
    status: "invalid",
    file,
    problems,
    sources,
  });
  if (first.status !== "ok")
    return invalid([{ file, field: "(file)", message: `cannot be read: ${first.reason}` }]);

  // files[0] is the org file; later entries are what it `_extends`: the org file wins over its bases.
  const files: Array<{ at: FileAt; value: Record<string, unknown> }> = [];
  let at = root;
  let text = first.text;
  for (;;) {
    sources.push({ at, text });
    const parsed = parseConfigYaml(text, fileLabel(at));
    if (!parsed.ok) return invalid(parsed.problems);
    const { _extends: extendsValue, ...value } = parsed.value;
    files.push({ at, value });
    if (extendsValue === undefined) break;
    const problem = (message: string) => invalid([{ file: fileLabel(at), field: "_extends", message }]);
    const target = extendsTarget(extendsValue, org, CONFIG_PATH);
    if (typeof target === "string") return problem(target);
    if (files.some((f) => sameFile(f.at, target)))
      return problem(`${fileLabel(target)} is already part of this policy: the _extends chain loops`);
    if (files.length >= MAX_FILES)
      return problem(`more than ${MAX_FILES} files extend each other: flatten the chain`);
    const read = await readRepoFile(octokit, target, refFor(target));
    if (read.status !== "ok")
      return problem(
        `the base ${fileLabel(target)} ${read.reason}: the policy is not applied without its base`,
      );
    at = target;
    text = read.text;
  }

  const merged = files.reduceRight<Record<string, unknown>>((base, f) => mergePolicy(base, f.value), {});
  if (isPlainObject(merged.provider) && !Object.hasOwn(merged.provider, "issuer"))
    merged.provider = { ...merged.provider, issuer: defaults.issuer };
  const result = policySchema.safeParse(merged);
  if (!result.success) return invalid(problemsFromZod(file, result.error));
  return { status: "ok", file, policy: result.data, sources };
}

function sameRepository(a: FileAt, b: FileAt): boolean {
  return `${a.owner}/${a.repo}`.toLowerCase() === `${b.owner}/${b.repo}`.toLowerCase();
}
