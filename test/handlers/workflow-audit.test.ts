// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here.
/**
 * The workflow audit end to end inside a real Probot: GitHub's own pull_request / push payloads, GitHub faked with
 * nock at the network edge (each request's shape asserted), the check run's annotations read back.
 */
import { validate } from "@octokit/graphql-schema";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, expect, test } from "vitest";
import { composeApp } from "../../src/compose.js";
import { JFrogClient } from "../../src/jfrog/client.js";
import { createLogger } from "../../src/logger.js";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { InMemoryJobQueue } from "../../src/rollout/memory-queue.js";
import { appKeyPair } from "../support/app-key.js";

const GITHUB = "https://api.github.com";
const POLICY =
  "provider:\n  name: github-acme\n  audience: jfrog-acme\ntoken:\n  scope: groups\n  groups: [ci]\n";
const WORKFLOW = [
  "on: push",
  "permissions:",
  "  contents: read",
  "jobs:",
  "  build:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: jfrog/setup-jfrog-cli@v4",
  "        env:",
  "          JF_ACCESS_TOKEN: ${{ secrets.JF_ACCESS_TOKEN }}",
].join("\n");

type Example = { name: string; examples: Array<Record<string, unknown>> };
function example(name: string, pick: (e: Record<string, unknown>) => boolean): Record<string, unknown> {
  const found = (examples as Example[]).find((e) => e.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found);
}

async function app() {
  const log = await createLogger({ level: "error", secrets: [], destination: { write: () => {} } });
  const probot = new Probot({
    appId: 1,
    privateKey: appKeyPair().privateKey,
    log,
    Octokit: ProbotOctokit.defaults((options: object) => ({
      ...options,
      retry: { enabled: false },
      throttle: { enabled: false },
    })),
  });
  const composed = composeApp({
    settings: { jfrogUrl: "https://acme.jfrog.io", dryRun: false },
    jfrog: new JFrogClient({ baseUrl: "https://acme.jfrog.io", token: "unused" }),
    log,
    clock: new VirtualClock(),
    concurrency: 1,
    retryDelaysMs: [],
  });
  const queue = composed.queue as InMemoryJobQueue;
  await probot.load(composed.appFn);
  return {
    async deliver(name: string, payload: Record<string, unknown>) {
      await probot.receive({ id: "d1", name, payload } as never);
      await queue.onSettled();
    },
  };
}

/** GitHub as the audit reads it: the org policy, the workflow tree in one query; the check run it writes. */
function github(owner: string, repo: string, sha: string, files: Record<string, string>) {
  const checkRuns: Array<Record<string, unknown>> = [];
  const queries: string[] = [];
  nock(GITHUB)
    .post(/^\/app\/installations\/\d+\/access_tokens$/)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .get(`/repos/${owner}/.github/contents/${encodeURIComponent(".github/jfrog-oidc.yml")}`)
    .reply(200, POLICY, { "content-type": "text/plain" })
    .post("/graphql")
    .reply(200, (_uri, body) => {
      const { query, variables } = body as { query: string; variables: Record<string, string> };
      queries.push(...validate(query).map((e) => e.message));
      expect(variables).toEqual({
        owner,
        name: repo,
        workflows: `${sha}:.github/workflows`,
        actions: `${sha}:.github/actions`,
      });
      const entries = Object.entries(files).map(([name, text]) => ({
        name,
        object: { text, isTruncated: false },
      }));
      return { data: { repository: { workflows: { entries }, actions: null } } };
    })
    .post(`/repos/${owner}/${repo}/check-runs`)
    .reply(201, (_uri, body) => {
      checkRuns.push(body as Record<string, unknown>);
      return { id: 7 };
    });
  return { checkRuns, queries };
}

const unmatched: string[] = [];
nock.emitter.on("no match", (req: { method?: string; path?: string }) =>
  unmatched.push(`${req.method} ${req.path}`),
);

afterEach(() => {
  // Every mocked request was made, and no other: a request nock cannot answer would fail the job silently.
  expect(nock.pendingMocks()).toEqual([]);
  expect(unmatched.splice(0)).toEqual([]);
  nock.cleanAll();
});

test("a pull request that changes a workflow gets a check run annotating each finding on its line", async () => {
  const payload = example("pull_request", (e) => e.action === "opened" && !!e.installation);
  const repository = payload.repository as { name: string; owner: { login: string } };
  const pr = payload.pull_request as { number: number; head: { sha: string } };
  const owner = repository.owner.login;
  // Read twice: by the audit, and by the policy preview (which finds no policy file changed, and stops there).
  nock(GITHUB)
    .get(`/repos/${owner}/${repository.name}/pulls/${pr.number}/files`)
    .query({ per_page: "100" })
    .times(2)
    .reply(200, [{ filename: ".github/workflows/ci.yml", status: "modified" }]);
  const gh = github(owner, repository.name, pr.head.sha, {
    "ci.yml": WORKFLOW,
    "lint.yml": "on: push\njobs: {}\n",
  });
  await (await app()).deliver("pull_request", payload);
  expect(gh.queries).toEqual([]);
  expect(gh.checkRuns).toHaveLength(1);
  const run = gh.checkRuns[0] as { output: { annotations: Array<Record<string, unknown>>; title: string } };
  expect(run).toMatchObject({
    name: "jfrog-oidc workflow audit",
    head_sha: pr.head.sha,
    status: "completed",
    conclusion: "failure",
  });
  expect(run.output.title).toBe("1 error(s), 1 warning(s) in 1 JFrog workflow file(s)");
  expect(
    run.output.annotations.map((a) => [a.path, a.start_line, a.start_column, a.annotation_level, a.title]),
  ).toEqual([
    [".github/workflows/ci.yml", 8, 15, "warning", "action-outdated-major"],
    [".github/workflows/ci.yml", 10, 11, "failure", "stored-credential"],
  ]);
});

test("a pull request that changes no workflow costs no check run (only its file list is read)", async () => {
  const payload = example("pull_request", (e) => e.action === "synchronize" && !!e.installation);
  const repository = payload.repository as { name: string; owner: { login: string } };
  const pr = payload.pull_request as { number: number };
  nock(GITHUB)
    .post(/^\/app\/installations\/\d+\/access_tokens$/)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    // Once by the audit, once by the policy preview: neither finds its files changed.
    .get(`/repos/${repository.owner.login}/${repository.name}/pulls/${pr.number}/files`)
    .query({ per_page: "100" })
    .times(2)
    .reply(200, [{ filename: "README.md", status: "modified" }]);
  await (await app()).deliver("pull_request", payload);
});

test("a repository whose workflows never touch JFrog gets no check run", async () => {
  const payload = example("push", (e) => !!e.installation && Array.isArray(e.commits));
  const repository = payload.repository as { name: string; owner: { login: string }; default_branch: string };
  Object.assign(payload, {
    ref: `refs/heads/${repository.default_branch}`,
    deleted: false,
    created: false,
    commits: [{ id: "c1", added: [".github/workflows/test.yml"], modified: [], removed: [] }],
  });
  const sha = payload.after as string;
  nock(GITHUB)
    .post(/^\/app\/installations\/\d+\/access_tokens$/)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .get(`/repos/${repository.owner.login}/.github/contents/${encodeURIComponent(".github/jfrog-oidc.yml")}`)
    .reply(200, POLICY, { "content-type": "text/plain" })
    .post("/graphql", (body) => body.variables.workflows === `${sha}:.github/workflows`)
    .reply(200, {
      data: {
        repository: {
          workflows: {
            entries: [{ name: "test.yml", object: { text: "on: push\njobs: {}\n", isTruncated: false } }],
          },
          actions: null,
        },
      },
    });
  await (await app()).deliver("push", payload);
});

/** `GET /app` with the app's JWT: how the app learns its own bot login (`<slug>[bot]`), once. */
const APP = { id: 1, slug: "jfrog-oidc-rollout", name: "JFrog OIDC rollout" };

test("the app's own onboarding PR is not audited, nor anything read for it: its workflow is generated, and a check run would cost a write", async () => {
  const payload = example("pull_request", (e) => e.action === "opened" && !!e.installation);
  const pr = payload.pull_request as { number: number; head: { ref: string } };
  pr.head.ref = "jfrog-oidc/onboarding";
  Object.assign(payload.sender as object, { login: "jfrog-oidc-rollout[bot]", type: "Bot" });
  nock(GITHUB).get("/app").reply(200, APP);
  const probot = await app();
  await probot.deliver("pull_request", payload);
  // Its next update: the bot login is remembered, nothing at all is asked.
  await probot.deliver("pull_request", { ...payload, action: "synchronize" });
});

test("another bot's pull request is still filtered by its file list: one that changes no workflow gets no check run", async () => {
  const payload = example("pull_request", (e) => e.action === "opened" && !!e.installation);
  const repository = payload.repository as { name: string; owner: { login: string } };
  const pr = payload.pull_request as { number: number; head: { ref: string } };
  pr.head.ref = "dependabot/npm_and_yarn/lodash-4.17.21";
  Object.assign(payload.sender as object, { login: "dependabot[bot]", type: "Bot" });
  const owner = repository.owner.login;
  nock(GITHUB)
    .get("/app")
    .reply(200, APP)
    .post(/^\/app\/installations\/\d+\/access_tokens$/)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .get(`/repos/${owner}/.github/contents/${encodeURIComponent(".github/jfrog-oidc.yml")}`)
    .reply(200, POLICY, { "content-type": "text/plain" })
    .get(`/repos/${owner}/${repository.name}/pulls/${pr.number}/files`)
    .query({ per_page: "100" })
    .reply(200, [{ filename: "package-lock.json", status: "modified" }]);
  await (await app()).deliver("pull_request", payload);
});
