/**
 * The edges the reconcile steps talk to, emulated: GitHub (org `acme` with the app installed, its `.github`
 * repository holding the org policy) and JFrog Access (with the org's OIDC integration unless told otherwise),
 * and the clients the app would hand the steps. One per test file; each test makes its own repositories.
 */
import { ProbotOctokit } from "probot";
import { stringify } from "yaml";
import { JFrogClient } from "../../src/jfrog/client.js";
import type { OidcIntegration } from "../../src/jfrog/types.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../src/sandbox/github/index.js";
import { type JFrogEmulator, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import { policyInput } from "../fixtures/policy.js";
import { appKeyPair } from "../support/app-key.js";

export const ORG = "acme";
const ADMIN_TOKEN = "jfrog-admin-token-for-reconcile-tests";

export interface EmulatedOrg {
  github: GitHubEmulator;
  jfrog: JFrogEmulator;
  /** The app's JFrog client (no retries: a failure is the test's to see). */
  client: JFrogClient;
  octokit: ProbotOctokit;
  /** The `acme` integration as the JFrog admin created it (before the app was installed). */
  integration: OidcIntegration;
  close(): Promise<void>;
}

export async function emulatedOrg(options: { policy?: string | null } = {}): Promise<EmulatedOrg> {
  const github = await startGitHubEmulator();
  const { publicKey } = appKeyPair();
  github.registerApp({
    id: 9,
    slug: "jfrog-oidc-rollout",
    publicKey,
    permissions: {
      contents: "write",
      workflows: "write",
      pull_requests: "write",
      issues: "write",
      checks: "write",
      metadata: "read",
    },
    events: [],
  });
  github.createOrg(ORG, { admins: ["octocat"], members: ["mona"] });
  const policy = options.policy === undefined ? stringify(policyInput()) : options.policy;
  github.createRepository({
    owner: ORG,
    name: ".github",
    files: { "README.md": "# acme\n", ...(policy !== null && { ".github/jfrog-oidc.yml": policy }) },
    announce: false,
  });
  const installation = github.install(ORG);
  const octokit = new ProbotOctokit({
    auth: { token: github.installationToken(installation.id) },
    baseUrl: github.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });

  const jfrog = await startJFrogEmulator({ adminToken: ADMIN_TOKEN });
  const client = new JFrogClient({
    baseUrl: jfrog.url,
    token: ADMIN_TOKEN,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
  const integration: OidcIntegration = {
    name: "github-acme",
    issuer_url: "https://token.actions.githubusercontent.com",
    provider_type: "GitHub",
    audience: "jfrog-github",
    organization: ORG,
  };
  await client.createIntegration(integration);

  return {
    github,
    jfrog,
    client,
    octokit,
    integration,
    close: async () => {
      await Promise.all([github.close(), jfrog.close()]);
    },
  };
}

/** What one emulator was asked since `from` (an index into its request log), as `METHOD path`. */
export function askedSince(
  emulator: { requests: readonly { method: string; path: string }[] },
  from: number,
) {
  return emulator.requests.slice(from).map((r) => `${r.method} ${r.path.replace(/^\/api\/v3/, "")}`);
}
