/**
 * The CLI's world: the GitHub emulator with the app installed on `acme` (a policy in its `.github` repository and a
 * few repositories in every state), the JFrog emulator with the org's integration, and the environment the
 * operator would set. Fresh per test file; nothing shared between files.
 */
import { randomUUID } from "node:crypto";
import { stringify } from "yaml";
import { type PolicyInput, policySchema } from "../../src/config/policy-schema.js";
import { desiredMapping } from "../../src/reconcile/desired-mapping.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../src/sandbox/github/index.js";
import { type JFrogEmulator, startJFrogEmulator } from "../../src/sandbox/jfrog/index.js";
import { appKeyPair } from "../support/app-key.js";

export const WORKFLOW = ".github/workflows/jfrog-oidc.yml";

export const POLICY: PolicyInput = {
  provider: { name: "github-acme", audience: "jfrog-github" },
  token: { scope: "groups", groups: ["ci-readers"], expiresIn: 900 },
  repositories: { exclude: ["docs"] },
};

export interface CliWorld {
  github: GitHubEmulator;
  jfrog: JFrogEmulator;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startCliWorld(): Promise<CliWorld> {
  const { privateKeyPkcs8: privateKey, publicKey } = appKeyPair();
  const adminToken = `cli-admin-${randomUUID()}`;
  const github = await startGitHubEmulator();
  const jfrog = await startJFrogEmulator({ adminToken });
  github.registerApp({
    id: 4242,
    slug: "jfrog-oidc-rollout",
    publicKey,
    permissions: { contents: "read", pull_requests: "read", issues: "read", metadata: "read" },
    events: [],
  });
  github.createOrg("acme", { admins: ["octocat"] });
  github.createOrg("broken", { admins: ["octocat"] });
  github.createOrg("elsewhere", { admins: ["octocat"] });
  // `dotorg` onboards its `.github` repository too: the policy file there is the org's, never that repository's own.
  github.createOrg("dotorg", { admins: ["octocat"] });
  // `fresh` has no JFrog integration yet, and lets the app create it; `differs` names acme's integration.
  github.createOrg("fresh", { admins: ["octocat"] });
  github.createOrg("differs", { admins: ["octocat"] });
  const repo = (owner: string, name: string, files?: Record<string, string>) =>
    github.createRepository({ owner, name, ...(files && { files }), announce: false });
  repo("acme", ".github", { ".github/jfrog-oidc.yml": stringify(POLICY) });
  repo("acme", "api", { "package.json": "{}\n" });
  repo("acme", "docs", { "README.md": "# docs\n" });
  repo("acme", "empty");
  const done = repo("acme", "done", { "go.mod": "module done\n", [WORKFLOW]: "on: push\n" });
  repo("broken", ".github", { ".github/jfrog-oidc.yml": "provider: {name: 12}\nsurprise: true\n" });
  repo("dotorg", ".github", {
    ".github/jfrog-oidc.yml": stringify({
      ...POLICY,
      provider: { name: "github-dotorg", audience: "jfrog-github" },
      repositories: { dotGithub: true },
    }),
    "package.json": "{}\n",
  });
  repo("fresh", ".github", {
    ".github/jfrog-oidc.yml": stringify({
      ...POLICY,
      provider: { name: "github-fresh", audience: "jfrog-github", manage: "create" },
    }),
  });
  repo("fresh", "api", { "package.json": "{}\n" });
  repo("differs", ".github", { ".github/jfrog-oidc.yml": stringify(POLICY) });
  github.install("acme");
  github.install("broken");
  github.install("dotorg");
  github.install("fresh");
  github.install("differs");

  const call = (path: string, body: object) =>
    fetch(`${jfrog.url}/access/api/v1/oidc${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await call("", {
    name: "github-acme",
    issuer_url: "https://token.actions.githubusercontent.com",
    provider_type: "GitHub",
    audience: "jfrog-github",
    organization: "acme",
  });
  await call("", {
    name: "github-dotorg",
    issuer_url: "https://token.actions.githubusercontent.com",
    provider_type: "GitHub",
    audience: "jfrog-github",
    organization: "dotorg",
  });
  // `acme/done` is onboarded: its mapping exists, as the app wrote it.
  const policy = policySchema.parse(POLICY);
  const mapping = desiredMapping(
    { id: done.id, ownerId: done.ownerId, fullName: "acme/done", defaultBranch: { name: "main", oid: "0" } },
    policy,
  );
  const created = await call("/github-acme/identity_mappings", { ...mapping, provider_name: "github-acme" });
  if (!created.ok) throw new Error(`seeding the mapping failed: ${created.status} ${await created.text()}`);

  return {
    github,
    jfrog,
    env: {
      APP_ID: "4242",
      PRIVATE_KEY: privateKey,
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: "http",
      JFROG_URL: jfrog.url,
      JFROG_ACCESS_TOKEN: adminToken,
    },
    close: async () => {
      await github.close();
      await jfrog.close();
    },
  };
}
