/**
 * A GitHub emulator with the app installed on `acme`, and a Probot octokit holding an installation token for it:
 * what the observation functions receive in production, pointed at the emulator. Nothing shared between tests.
 */
import { ProbotOctokit } from "probot";
import { type GitHubEmulator, startGitHubEmulator } from "../../src/sandbox/github/index.js";
import { appKeyPair } from "../support/app-key.js";

export const ORG = "acme";
export const WORKFLOW_PATH = ".github/workflows/jfrog-oidc.yml";
export const ONBOARDING_BRANCH = "jfrog-oidc/onboarding";

export interface OrgEmulator {
  github: GitHubEmulator;
  installationId: number;
  octokit: ProbotOctokit;
  /** GraphQL requests answered so far. */
  graphqlRequests(): number;
}

/** `setupRepos` runs before the app is installed, so no webhook announces those repositories. */
export async function orgEmulator(
  setupRepos: (github: GitHubEmulator) => void = () => {},
): Promise<OrgEmulator> {
  const github = await startGitHubEmulator();
  github.registerApp({
    id: 77,
    slug: "jfrog-oidc-rollout",
    publicKey: appKeyPair().publicKey,
    permissions: {
      contents: "write",
      workflows: "write",
      pull_requests: "write",
      issues: "write",
      metadata: "read",
    },
    events: [],
  });
  github.createOrg(ORG, { admins: ["octocat"] });
  github.createOrg("other", { admins: ["stranger"] });
  github.createRepository({ owner: "other", name: "secret", files: { "README.md": "# secret\n" } });
  setupRepos(github);
  const installation = github.install(ORG);
  const octokit = new ProbotOctokit({
    auth: { token: github.installationToken(installation.id) },
    baseUrl: github.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return {
    github,
    installationId: installation.id,
    octokit,
    graphqlRequests: () => github.requests.filter((r) => r.path.endsWith("/graphql")).length,
  };
}
