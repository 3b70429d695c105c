/**
 * The emulator is reached through Probot's own GitHub Enterprise settings, the production path: with
 * `GHE_HOST=127.0.0.1:<port>` and `GHE_PROTOCOL=http`, Probot's REST and GraphQL clients land on it.
 */
import { createProbot } from "probot";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type GitHubEmulator, startGitHubEmulator } from "../../../src/sandbox/github/index.js";
import { appKeyPair } from "../../support/app-key.js";
import { PERMISSIONS } from "./helpers.js";

let github: GitHubEmulator;
let installationId: number;
const keys = { privateKey: appKeyPair().privateKeyPkcs8, publicKey: appKeyPair().publicKey };

beforeAll(async () => {
  github = await startGitHubEmulator();
  github.registerApp({ id: 99, publicKey: keys.publicKey, permissions: PERMISSIONS, events: [] });
  github.createOrg("acme", { admins: ["octocat"] });
  github.createRepository({ owner: "acme", name: "web", files: { "README.md": "# web\n" } });
  installationId = github.install("acme").id;
});
afterAll(() => github.close());

it("serves Probot configured with GHE_HOST and GHE_PROTOCOL", async () => {
  const probot = createProbot({
    env: {
      APP_ID: "99",
      PRIVATE_KEY: keys.privateKey,
      WEBHOOK_SECRET: "secret",
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "fatal",
    },
  });
  const octokit = await probot.auth(installationId);
  const rest = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "web" });
  expect(rest.data.full_name).toBe("acme/web");
  const gql = await octokit.graphql<{ repository: { nameWithOwner: string } }>(
    'query { repository(owner: "acme", name: "web") { nameWithOwner } }',
  );
  expect(gql.repository.nameWithOwner).toBe("acme/web");
  expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `POST /api/v3/app/installations/${installationId}/access_tokens`,
    "GET /api/v3/repos/acme/web",
    "POST /api/graphql",
  ]);
});
