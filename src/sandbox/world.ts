/**
 * A whole local world on loopback: the GitHub emulator with an organization that installed the app, the JFrog
 * Access emulator with the org's OIDC integration, the GitHub Actions OIDC issuer, and the REAL app wired to
 * them. `npm run sandbox` and the e2e tests build on it; they drive it only through webhooks and read only the
 * emulators' state.
 */
import { createPublicKey, generateKeyPairSync, randomUUID } from "node:crypto";
import type { DestinationStream } from "pino";
import { stringify } from "yaml";
import { GITHUB_ISSUER, type Policy, type PolicyInput, policySchema } from "../config/policy-schema.js";
import type { RetryPolicy } from "../jfrog/retry.js";
import { createLogger } from "../logger.js";
import type { BudgetLimits } from "../rollout/memory-budget.js";
import type { Clock } from "../rollout/ports.js";
import { readManifest } from "./app/manifest.js";
import { type RunningApp, type StartAppOptions, startApp } from "./app/start-app.js";
import {
  type AppSpec,
  type ContentLimits,
  type GitHubEmulator,
  startGitHubEmulator,
} from "./github/index.js";
import { aliasedFetch } from "./issuer-alias.js";
import { GRANT_TYPE, ID_TOKEN_TYPE, type JFrogEmulator, startJFrogEmulator } from "./jfrog/index.js";
import { type MintTokenOptions, type OidcIssuer, startOidcIssuer } from "./oidc-issuer/index.js";
import { parseJson } from "./shared/http.js";

export const ORG = "acme";
export const APP_ID = 4242;
export const APP_SLUG = "jfrog-oidc-rollout";
/** An org owner (acts for "a person" in the emulator) and a member who reviews onboarding PRs. */
export const ORG_ADMIN = "octocat";
export const ORG_MEMBER = "mona";

/** The org policy the world starts with: default-branch tokens only, a label and a reviewer on each PR. */
export function defaultPolicy(): PolicyInput {
  return {
    provider: { name: "github-acme", audience: "jfrog-github" },
    token: { scope: "groups", groups: ["ci-readers"], expiresIn: 900 },
    claims: { ref: ["$default"] },
    repositories: { exclude: ["docs"] },
    pullRequest: { labels: ["jfrog-oidc"], reviewers: [ORG_MEMBER] },
  };
}

export interface WorldOptions {
  policy?: PolicyInput;
  /** The GitHub emulator's clock (secondary-limit windows); a `ManualClock`'s `now` in tests. */
  now?: () => Date;
  limits?: ContentLimits;
  /** Where the app logs: kept in `world.logs` by default; `stdout` formats it like Probot (`--verbose`). */
  logDestination?: DestinationStream | "stdout";
  logLevel?: string;
  retryDelaysMs?: readonly number[];
  /** The app's clock (budget, retries, deferrals, sweeps); a `VirtualClock` in tests, moved with `advance`. */
  clock?: Clock;
  budgetLimits?: BudgetLimits;
  /** Start-up checks, redelivery and sweeps of the app (off unless asked: tests call them when they want). */
  background?: { startupChecks?: boolean; redeliver?: boolean; sweep?: boolean };
  jfrogRetry?: RetryPolicy;
  /** The operator's secrets, when a test wants to recognise them (sentinels); random ones otherwise. */
  secrets?: { jfrogAdminToken?: string; webhookSecret?: string; privateKey?: string };
  /** Runs once the emulators are seeded, before the app starts (e.g. JFrog down at start-up). */
  beforeAppStarts?: (emulators: { github: GitHubEmulator; jfrog: JFrogEmulator }) => void;
  /** Redis mode: a new connection for each start of the app (`settle` then does not apply: it reads the in-process queue). */
  redis?: () => NonNullable<StartAppOptions["redis"]>;
  /** The app's daily JFrog token watch, reading this token (off unless given). */
  tokenWatch?: StartAppOptions["tokenWatch"];
  /** The app's DRY_RUN setting: it plans and answers, and writes nothing but its replies. */
  dryRun?: boolean;
  /** How the org's `.github` repository is spelled (GitHub matches repository names case-insensitively). */
  dotGithubName?: string;
  /** The app's GitHub Actions issuer (GHE_HOST on GitHub Enterprise Server); GitHub.com's by default. */
  githubIssuer?: string;
  /** Repositories the org already has when the app is installed (no webhooks for them). */
  existingRepositories?: Array<{ name: string; files?: Record<string, string> }>;
}

export interface IdTokenRequest {
  /** Repository name in the org; its ids come from the GitHub emulator unless given. */
  repo: string;
  repoId?: number;
  ownerId?: number;
  ref?: string;
  audience?: string;
  environment?: string;
  /** Claims set last, over the ones derived above (e.g. exactly the claims `/jfrog-oidc verify` simulated). */
  claims?: Record<string, string>;
}

export interface World {
  readonly org: string;
  readonly installationId: number;
  readonly policy: Policy;
  readonly github: GitHubEmulator;
  readonly jfrog: JFrogEmulator;
  readonly issuer: OidcIssuer;
  readonly app: RunningApp;
  readonly jfrogAdminToken: string;
  readonly webhookSecret: string;
  /** The app's log lines (JSON), when no destination was given. */
  readonly logs: readonly string[];
  /**
   * Stops the app without waiting for its queue (its jobs are lost, as in a crash or a deploy) and starts a new one
   * against the same emulators, with these background tasks (start-up checks, redelivery, sweep).
   */
  restartApp(background?: WorldOptions["background"]): Promise<void>;
  /** Resolves once no webhook is in flight and the app's queue has nothing ready or running. */
  settle(): Promise<void>;
  /** A GitHub Actions ID token for a repository of the org, issued by "token.actions.githubusercontent.com". */
  mintIdToken(request: IdTokenRequest): Promise<string>;
  /** The workflow's token exchange (`POST /access/api/v1/oidc/token`), as setup-jfrog-cli does it. */
  exchange(idToken: string, provider?: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Bounded: a settle that never ends is a bug to report, not a hang. */
const MAX_SETTLE_ROUNDS = 200;

/**
 * The JFrog side as the app finds it: the org's OIDC integration, created by the JFrog admin. Its issuer is
 * github.com's unless given (with GHE_HOST the app expects the server's own, config/issuer.ts).
 */
export async function seedJFrog(
  jfrog: JFrogEmulator,
  adminToken: string,
  policy: Policy,
  issuer = policy.provider.issuer,
): Promise<void> {
  const response = await fetch(`${jfrog.url}/access/api/v1/oidc`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: policy.provider.name,
      issuer_url: issuer,
      provider_type: "GitHub",
      audience: policy.provider.audience,
      organization: ORG,
      description: "GitHub Actions of acme (created by the JFrog admin)",
    }),
  });
  if (!response.ok)
    throw new Error(`seeding the JFrog integration failed: ${response.status} ${await response.text()}`);
}

/**
 * The GitHub side as the app finds it when installed: the app registered, the org with its people, the app
 * installed, the org's `.github` repository holding the policy, and the repositories it already has (all older than
 * the app: no webhooks for them).
 */
export function seedOrg(
  github: GitHubEmulator,
  seed: {
    publicKey: AppSpec["publicKey"];
    policyInput: PolicyInput;
    existingRepositories?: WorldOptions["existingRepositories"];
    /** How the org's `.github` repository is spelled (GitHub matches repository names case-insensitively). */
    dotGithubName?: string;
  },
): { installationId: number } {
  github.registerApp({ id: APP_ID, slug: APP_SLUG, publicKey: seed.publicKey, ...readManifest() });
  github.createOrg(ORG, { admins: [ORG_ADMIN], members: [ORG_MEMBER], teams: ["platform"] });
  const installation = github.install(ORG);
  // The org's `.github` repository predates the app: no webhook for it.
  github.createRepository({
    owner: ORG,
    name: seed.dotGithubName ?? ".github",
    files: { "README.md": "# acme\n", ".github/jfrog-oidc.yml": stringify(seed.policyInput) },
    announce: false,
  });
  for (const existing of seed.existingRepositories ?? [])
    github.createRepository({
      owner: ORG,
      name: existing.name,
      files: existing.files ?? { "package.json": "{}\n" },
      announce: false,
    });
  return { installationId: installation.id };
}

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const policyInput = options.policy ?? defaultPolicy();
  const policy = policySchema.parse(policyInput);
  const { privateKey, publicKey } = options.secrets?.privateKey
    ? { privateKey: options.secrets.privateKey, publicKey: createPublicKey(options.secrets.privateKey) }
    : generateKeyPairSync("rsa", {
        modulusLength: 2048,
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
        publicKeyEncoding: { type: "spki", format: "pem" },
      });
  const jfrogAdminToken = options.secrets?.jfrogAdminToken ?? `sandbox-admin-${randomUUID()}`;
  const webhookSecret = options.secrets?.webhookSecret ?? `sandbox-webhook-${randomUUID()}`;
  const logs: string[] = [];
  const log = await createLogger({
    level: options.logLevel ?? "debug",
    secrets: [jfrogAdminToken, privateKey, webhookSecret],
    ...(options.logDestination !== "stdout" && {
      destination: options.logDestination ?? { write: (line: string) => void logs.push(line) },
    }),
  });

  const issuer = await startOidcIssuer();
  const jfrog = await startJFrogEmulator({
    adminToken: jfrogAdminToken,
    fetchImpl: aliasedFetch(GITHUB_ISSUER, issuer.url),
  });
  const github = await startGitHubEmulator({
    ...(options.now && { now: options.now }),
    ...(options.limits && { limits: options.limits }),
  });

  const { installationId } = seedOrg(github, {
    publicKey,
    policyInput,
    ...(options.existingRepositories && { existingRepositories: options.existingRepositories }),
    ...(options.dotGithubName && { dotGithubName: options.dotGithubName }),
  });
  await seedJFrog(jfrog, jfrogAdminToken, policy);
  options.beforeAppStarts?.({ github, jfrog });

  const launch = async (background = options.background) => {
    const started = await startApp({
      githubApiUrl: github.apiUrl,
      appId: APP_ID,
      privateKey,
      webhookSecret,
      jfrogUrl: jfrog.url,
      jfrogToken: jfrogAdminToken,
      log,
      ...(options.dryRun && { dryRun: true }),
      ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }),
      ...(options.clock && { clock: options.clock }),
      ...(options.budgetLimits && { budgetLimits: options.budgetLimits }),
      ...(background && { background }),
      ...(options.jfrogRetry && { jfrogRetry: options.jfrogRetry }),
      ...(options.redis && { redis: options.redis() }),
      ...(options.tokenWatch && { tokenWatch: options.tokenWatch }),
      ...(options.githubIssuer && { githubIssuer: options.githubIssuer }),
    });
    github.webhooks.target = { url: started.webhookUrl, secret: webhookSecret };
    return started;
  };
  let app = await launch();

  return {
    org: ORG,
    installationId,
    policy,
    github,
    jfrog,
    issuer,
    get app() {
      return app;
    },
    async restartApp(background) {
      // Like a crash or a deploy: whatever the in-process queue held is gone with the process.
      github.webhooks.target = undefined;
      await app.close();
      app = await launch(background);
      await app.composed.lifecycle.checking;
    },
    jfrogAdminToken,
    webhookSecret,
    logs,
    async settle() {
      for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
        await github.webhooks.idle();
        await app.queue.onSettled();
        if (github.webhooks.inFlight === 0 && app.queue.settledNow()) return;
      }
      throw new Error(`the world did not settle after ${MAX_SETTLE_ROUNDS} rounds of webhooks and jobs`);
    },
    mintIdToken(request) {
      const known = request.repoId === undefined ? github.repository(ORG, request.repo) : undefined;
      const options: MintTokenOptions = {
        owner: ORG,
        ownerId: request.ownerId ?? known?.ownerId ?? 0,
        repo: request.repo,
        repoId: request.repoId ?? known?.id ?? 0,
        ref: request.ref ?? `refs/heads/${known?.defaultBranch ?? "main"}`,
        audience: request.audience ?? policy.provider.audience,
        ...(request.environment && { environment: request.environment }),
        overrides: { iss: policy.provider.issuer, ...request.claims },
      };
      return issuer.mintToken(options);
    },
    async exchange(idToken, provider = policy.provider.name) {
      const response = await fetch(`${jfrog.url}/access/api/v1/oidc/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          grant_type: GRANT_TYPE,
          subject_token_type: ID_TOKEN_TYPE,
          subject_token: idToken,
          provider_name: provider,
          provider_type: "GitHub",
        }),
      });
      const text = await response.text();
      // JFrog answers JSON, but a proxy or a crash may not: keep the text rather than throw.
      const parsed = parseJson(text);
      return { status: response.status, body: parsed.ok ? parsed.value : text };
    },
    async close() {
      github.webhooks.target = undefined;
      await app.close();
      await Promise.all([github.close(), jfrog.close(), issuer.close()]);
    },
  };
}
