/**
 * The org policy file (`.github/jfrog-oidc.yml` in the organization's `.github` repository).
 *
 * One zod schema is the contract: it parses strictly (unknown keys are errors), fills defaults, and is the
 * source of the committed JSON Schemas editors use (`schema/jfrog-oidc.org.schema.json`, and
 * `schema/jfrog-oidc.repo.schema.json` for a repository's own file).
 */
import { z } from "zod";
import { inertTextProblem } from "./inert-text.js";
import { repositoryGlob } from "./repository-glob.js";

export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
/** File name of both the org policy (in the `.github` repo) and a repository's own config. */
export const CONFIG_PATH = ".github/jfrog-oidc.yml";

/** JFrog's Terraform provider validates integration names with this pattern. */
const providerName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,254}$/, "must start with a lowercase letter and use only a-z, 0-9 and '-'");

const nonEmpty = z.string().trim().min(1, "must not be empty");

/**
 * A value that goes into a claim, a workflow, a branch name or a label: one line, no `${{`, no control or bidi
 * characters (refused here, field by field, rather than at render time where only "an unexpected error" remains).
 */
const safeText = nonEmpty.regex(/^[^\r\n\0]+$/, "must be a single line").superRefine((value, ctx) => {
  const problem = inertTextProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Written alone in `claims.ref`: the mapping admits every ref (no `ref` claim). Widening is always explicit. */
export const ANY_REF = "$any";

/**
 * Git refs as they appear in the `ref` claim: `refs/heads/main`, `refs/tags/v*`, `$default` (the repo's default
 * branch), or `$any` alone (every branch, tag and pull request).
 */
export const refPattern = z
  .string()
  .regex(
    /^(\$default|\$any|refs\/(heads|tags|pull)\/[A-Za-z0-9._/*+-]+)$/,
    "must be `$default`, `$any` or a full ref such as `refs/heads/main` or `refs/tags/v*`",
  );

/** GitHub environment names: https://docs.github.com/actions/reference/environments (no wildcards: they narrow). */
const environmentName = z.string().regex(/^[A-Za-z0-9 ._-]{1,255}$/, "must be a GitHub environment name");

export const providerSchema = z.strictObject({
  name: providerName.describe("Name of the OIDC integration in JFrog (oidc-provider-name in the workflow)."),
  audience: safeText.describe(
    "Audience the integration expects; the workflow's oidc-audience. JFrog refuses tokens whose aud differs.",
  ),
  manage: z
    .enum(["verify", "create"])
    .default("verify")
    .describe(
      "verify: the integration must already exist and match; create: create it when missing (never overwrite).",
    ),
  /** Token issuer; GHE Cloud with a custom issuer uses `https://token.actions.githubusercontent.com/<enterprise>`. */
  issuer: z
    .string()
    .regex(
      /^https:\/\/(token\.actions\.githubusercontent\.com(\/[a-z0-9-]+)?|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?\/_services\/token)$/,
      "must be https://token.actions.githubusercontent.com (or …/<enterprise-slug>), or https://<GHES host>/_services/token, without a trailing slash",
    )
    .default(GITHUB_ISSUER)
    .describe(
      "Token issuer the integration trusts; GHE Cloud with a custom issuer adds /<enterprise-slug>; GitHub Enterprise Server is https://<HOSTNAME>/_services/token (the default when the app runs with GHE_HOST).",
    ),
});

type ScopeField = "groups" | "roles" | "username";

/** Per token scope: the fields that name whose permissions apply, and the fields that would contradict them. */
const SCOPE_FIELDS: Record<"groups" | "user" | "roles", { needs: ScopeField[]; forbids: ScopeField[] }> = {
  groups: { needs: ["groups"], forbids: ["roles", "username"] },
  user: { needs: ["username"], forbids: ["groups", "roles"] },
  // JFrog's Terraform provider requires `username` with a roles scope (shared/reference/jfrog-access-oidc.md).
  roles: { needs: ["roles", "username"], forbids: ["groups"] },
};

export const tokenSchema = z
  .strictObject({
    /**
     * What the exchanged token may do. `groups`: the permissions of the listed JFrog groups; `user`: those of
     * `username`; `roles`: project roles (needs `projectKey`). Admin scope is deliberately not offered.
     */
    scope: z
      .enum(["groups", "user", "roles"])
      .describe(
        "groups: the listed JFrog groups' permissions; user: username's; roles: project roles (needs projectKey).",
      ),
    groups: z.array(safeText).min(1).optional(),
    roles: z.array(safeText).min(1).optional(),
    username: safeText.optional(),
    expiresIn: z
      .int()
      .min(60)
      .max(86_400)
      .default(3600)
      .describe("Lifetime of the exchanged token in seconds (JFrog's maximum is 86400 unless raised)."),
    audience: safeText
      .optional()
      .describe(
        "JFrog services the token is valid for (space-separated service ids); JFrog's default is *@*.",
      ),
  })
  .superRefine((token, ctx) => {
    const { needs, forbids } = SCOPE_FIELDS[token.scope];
    for (const field of needs)
      if (token[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: `is required when scope is ${token.scope}` });
    for (const field of forbids)
      if (token[field] !== undefined)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `must not be set when scope is ${token.scope}`,
        });
  });

/** Claims that narrow who may use a mapping. Each list means "any of"; several keys must all match. */
export const claimsSchema = z.strictObject({
  ref: z
    .array(refPattern)
    .min(1)
    .refine((refs) => !refs.includes(ANY_REF) || refs.length === 1, "`$any` must be the only entry")
    .optional()
    .describe(
      "Refs whose runs get a token. $default is the repository's default branch; $any (alone) admits every ref. " +
        "Omitted: the refs the generated workflow runs on (its push branches and tags), never pull requests.",
    ),
  environment: z
    .array(environmentName)
    .min(1)
    .optional()
    .describe("Allowed environment claims (the job must run in one of these environments)."),
  pinWorkflow: z
    .boolean()
    .optional()
    .describe(
      "Pin workflow_ref to the generated workflow file at the allowed refs (needs ref without wildcards).",
    ),
});

export const repositoriesSchema = z.strictObject({
  // prefault, not default: the default must be parsed too, so it is compiled like a written pattern.
  include: z.array(repositoryGlob).min(1).prefault(["*"]),
  exclude: z.array(repositoryGlob).prefault([]),
  archived: z.boolean().default(false),
  forks: z.boolean().default(false),
  visibility: z
    .array(z.enum(["public", "private", "internal"]))
    .min(1)
    .default(["public", "private", "internal"]),
  dotGithub: z
    .boolean()
    .default(false)
    .describe(
      "Onboard the org's .github repository too. Its .github/jfrog-oidc.yml is always this policy, never a repository config.",
    ),
});

export const pullRequestSchema = z.strictObject({
  branch: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
      "must be a plain branch name such as jfrog-oidc/onboarding",
    )
    .refine((b) => !b.includes(".."), "must not contain '..'")
    .default("jfrog-oidc/onboarding"),
  title: safeText.max(200).default("Add JFrog OIDC workflow"),
  labels: z.array(safeText.max(50)).default([]),
  reviewers: z.array(z.string().regex(/^[A-Za-z0-9-]{1,39}$/, "must be a GitHub login")).default([]),
  teamReviewers: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/, "must be a team slug")).default([]),
  draft: z.boolean().default(false),
});

export const ECOSYSTEMS = ["npm", "maven", "gradle", "python", "go", "docker", "generic"] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

const repoKey = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be a JFrog repository key");

const ecosystemRepos = z.strictObject({ resolve: repoKey, deploy: repoKey });

export const workflowSchema = z.strictObject({
  path: z
    .string()
    .regex(
      /^\.github\/workflows\/[A-Za-z0-9._-]+\.ya?ml$/,
      "must be a file directly under .github/workflows/ ending in .yml or .yaml",
    )
    .default(".github/workflows/jfrog-oidc.yml"),
  name: safeText.max(100).default("JFrog"),
  triggers: z
    .strictObject({
      push: z
        .array(z.string().regex(/^(\$default|[A-Za-z0-9._/*-]+)$/))
        .default(["$default"])
        .describe("Branches whose pushes run the workflow; $default is the default branch."),
      tags: z
        .array(z.string().regex(/^[A-Za-z0-9._/*-]+$/))
        .default([])
        .describe("Tags whose pushes run the workflow, e.g. v*."),
      pullRequest: z.boolean().default(false),
      workflowDispatch: z.boolean().default(true),
    })
    .prefault({}),
  setupJfrogCli: z
    .strictObject({
      version: z
        .string()
        .regex(/^v\d+(\.\d+){0,2}$/, "must be a version tag such as v5 or v5.1.0")
        .default("v5")
        .describe("Tag of jfrog/setup-jfrog-cli, e.g. v5 or v5.1.0."),
      sha: z
        .string()
        .regex(/^[0-9a-f]{40}$/, "must be a full 40-character commit SHA")
        .optional()
        .describe("Full commit SHA to pin to (supply-chain best practice); version becomes its comment."),
    })
    .prefault({}),
  jfrogUrl: z
    .union([
      z.strictObject({ from: z.literal("literal") }),
      z.strictObject({
        from: z.literal("variable"),
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name"),
      }),
    ])
    .default({ from: "literal" })
    .describe("How the workflow gets JF_URL: the operator's JFROG_URL written in, or an Actions variable."),
  ecosystem: z
    .enum(["auto", ...ECOSYSTEMS])
    .default("auto")
    .describe("auto detects the ecosystem from the repository's root files; otherwise force one."),
  publish: z
    .boolean()
    .default(true)
    .describe(
      "Whether the generated workflow publishes (deploys) artifacts, or only resolves and builds through JFrog.",
    ),
  /** JFrog repositories used per ecosystem; `{ecosystem}-virtual` / `{ecosystem}-local` when not given. */
  repositories: z
    .strictObject({
      npm: ecosystemRepos.optional(),
      maven: ecosystemRepos.optional(),
      gradle: ecosystemRepos.optional(),
      python: ecosystemRepos.optional(),
      go: ecosystemRepos.optional(),
      docker: ecosystemRepos.optional(),
      generic: ecosystemRepos.optional(),
    })
    .prefault({}),
  genericPattern: safeText
    .default("dist/*")
    .describe("Files uploaded by the generic fallback (jf rt upload <pattern> <deploy repo>/<repository>/)."),
});

export const projectKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,31}$/, "must be a JFrog project key (lowercase letters and digits)");
/** How the app rolls out to repositories that existed before it (see README, "Rollout"). */
export const rolloutSchema = z.strictObject({
  existing: z
    .boolean()
    .default(false)
    .describe(
      "true: onboard the repositories that existed before the app (consent); new repositories are always onboarded.",
    ),
  onUninstall: z
    .enum(["keep", "remove"])
    .default("keep")
    .describe(
      "keep: a repository removed from the installation keeps its mapping; remove: the app deletes its mapping.",
    ),
});

/** What the app does with the workflow audit's findings (see README, "Workflow audit"). */
export const auditSchema = z.strictObject({
  fixPullRequests: z
    .boolean()
    .default(false)
    .describe(
      "true: one pull request per repository with the smallest edits that fix what the audit found on its default branch.",
    ),
});

export const policySchema = z
  .strictObject({
    $schema: z.string().optional(),
    provider: providerSchema.describe("The JFrog OIDC integration the workflows sign in through."),
    projectKey: projectKeySchema
      .optional()
      .describe(
        "JFrog project the mappings live in; needs token.scope: roles (only a roles scope makes a mapping project-scoped). Omit for global mappings.",
      ),
    token: tokenSchema.describe(
      "What the exchanged JFrog token may do. Admin scope is deliberately not offered.",
    ),
    priority: z
      .int()
      .min(1)
      .max(1_000_000)
      .default(100)
      .describe("Mapping priority: LOWER is evaluated first."),
    claims: claimsSchema
      .prefault({})
      .describe("Narrowing claims; each list means any of, all keys must match."),
    repositories: repositoriesSchema.prefault({}).describe("Which repositories are in scope."),
    pullRequest: pullRequestSchema.prefault({}).describe("The onboarding pull request."),
    workflow: workflowSchema.prefault({}).describe("The generated GitHub Actions workflow."),
    rollout: rolloutSchema.prefault({}).describe("Consent and uninstall behaviour of the org-wide rollout."),
    audit: auditSchema.prefault({}).describe("What the app does with the workflow audit's findings."),
  })
  .superRefine((policy, ctx) => {
    if (policy.token.scope === "roles" && !policy.projectKey)
      ctx.addIssue({ code: "custom", path: ["token", "scope"], message: "`roles` needs `projectKey`" });
    // JFrog keeps a mapping with a groups or user scope GLOBAL whatever project key is sent, while the app would read
    // and delete it in the project (shared/reference/jfrog-access-oidc.md, "Project scope").
    if (policy.projectKey && policy.token.scope !== "roles")
      ctx.addIssue({
        code: "custom",
        path: ["projectKey"],
        message: `needs token.scope: roles (with scope ${policy.token.scope} JFrog keeps the mapping global, outside the project)`,
      });
    checkPinWorkflow(policy.claims, ctx);
  });

/** `pinWorkflow` names exact refs in `workflow_ref`, so it needs `ref` without wildcards. */
export function hasExactRefs(ref: readonly string[] | undefined): boolean {
  return ref !== undefined && !ref.some((r) => r.includes("*") || r === ANY_REF);
}

function checkPinWorkflow(claims: z.infer<typeof claimsSchema>, ctx: z.RefinementCtx): void {
  if (!claims.pinWorkflow) return;
  if (!claims.ref)
    ctx.addIssue({ code: "custom", path: ["claims", "pinWorkflow"], message: "needs `claims.ref`" });
  else if (!hasExactRefs(claims.ref))
    ctx.addIssue({
      code: "custom",
      path: ["claims", "pinWorkflow"],
      message: "needs `claims.ref` without wildcards",
    });
}

/** A repository's own file: it may only opt out, narrow claims, and choose workflow options. */
export const repoConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  enabled: z.boolean().default(true).describe("false opts this repository out: no mapping, no PR."),
  claims: claimsSchema.optional(),
  workflow: workflowSchema
    .pick({ name: true, triggers: true, ecosystem: true, publish: true, genericPattern: true })
    .partial()
    .optional(),
});
// `pinWorkflow` in a repository file may rely on the org's `ref`: the narrowing guard checks it after combining.

export type Policy = z.output<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
export type RepoConfig = z.output<typeof repoConfigSchema>;
export type Claims = z.output<typeof claimsSchema>;
export type TokenPolicy = z.output<typeof tokenSchema>;
export type WorkflowPolicy = z.output<typeof workflowSchema>;
