/**
 * The main story: a repository is created → its mapping is registered (pinned to immutable ids) → one PR adds the
 * workflow → the PR is merged → the workflow's token exchange is admitted for that repository only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { World } from "../../src/sandbox/world.js";
import {
  addedFiles,
  bodiesSent,
  mappingsFor,
  ONBOARDING_BRANCH,
  requestMark,
  requestsSince,
  testWorld,
  WORKFLOW_PATH,
  workflowSettings,
} from "./helpers.js";

let world: World;
let beforeCreate: ReturnType<typeof requestMark>;
beforeAll(async () => {
  world = await testWorld();
  beforeCreate = requestMark(world);
  world.github.createRepository({
    owner: "acme",
    name: "web",
    files: { "package.json": '{ "name": "web" }\n', "README.md": "# web\n" },
  });
  await world.settle();
});
afterAll(() => world.close());

describe("a repository is created", () => {
  it("is delivered to the app as a signed webhook the app accepts", () => {
    expect(world.github.webhooks.deliveries[0]).toMatchObject({
      event: "repository",
      action: "created",
      status: "OK",
      statusCode: 200,
    });
  });

  it("gets an identity mapping pinned to its immutable ids, with the policy's token", () => {
    const web = world.github.repository("acme", "web");
    expect(mappingsFor(world, web)).toEqual([
      expect.objectContaining({
        provider_name: "github-acme",
        claims: {
          iss: "https://token.actions.githubusercontent.com",
          repository_id: String(web.id),
          repository_owner_id: String(web.ownerId),
          repository: "acme/web",
          ref: "refs/heads/main",
        },
        token_spec: { scope: 'applied-permissions/groups:"ci-readers"', expires_in: 900 },
      }),
    ]);
  });

  it("gets one PR whose branch adds only the workflow, in one verified commit by the app", () => {
    const web = world.github.repository("acme", "web");
    expect(web.pulls).toEqual([
      expect.objectContaining({
        number: 1,
        state: "open",
        head: ONBOARDING_BRANCH,
        base: "main",
        author: "jfrog-oidc-rollout[bot]",
        labels: ["jfrog-oidc"],
        requestedReviewers: ["mona"],
      }),
    ]);
    expect(Object.keys(addedFiles(web))).toEqual([WORKFLOW_PATH]);
    const [commit] = web.log(ONBOARDING_BRANCH);
    expect(commit).toMatchObject({ author: "jfrog-oidc-rollout[bot]", verified: true });
  });

  it("gets a workflow that names the verified integration and this JFrog", () => {
    const text = addedFiles(world.github.repository("acme", "web"))[WORKFLOW_PATH] ?? "";
    expect(workflowSettings(text)).toEqual({
      provider: "github-acme",
      audience: "jfrog-github",
      jfUrl: world.jfrog.url,
    });
  });

  it("costs five content-generating requests: branch, commit, PR, labels, reviewers", () => {
    expect(world.github.usage()["acme/web"]).toMatchObject({ contentRequests: 5, rateLimited: 0 });
  });

  it("sends JFrog exactly one write: this mapping, named for the ids and marked as the app's", () => {
    const web = world.github.repository("acme", "web");
    const create = "POST /access/api/v1/oidc/github-acme/identity_mappings";
    expect(requestsSince(world, beforeCreate).jfrog.filter((r) => !r.startsWith("GET "))).toEqual([create]);
    expect(bodiesSent(world, "jfrog", create, beforeCreate)).toEqual([
      {
        name: `gh-o${web.ownerId}-r${web.id}`,
        description: `[jfrog-oidc-rollout] GitHub Actions of acme/web (repository id ${web.id}); managed by the jfrog-oidc-rollout app, manual edits are reverted`,
        priority: 100,
        provider_name: "github-acme",
        claims: {
          iss: "https://token.actions.githubusercontent.com",
          repository_id: String(web.id),
          repository_owner_id: String(web.ownerId),
          repository: "acme/web",
          ref: "refs/heads/main",
        },
        token_spec: { scope: 'applied-permissions/groups:"ci-readers"', expires_in: 900 },
      },
    ]);
  });

  it("reads the policy and the repository once, then writes only branch, commit, PR and its decoration", () => {
    const github = requestsSince(world, beforeCreate).github;
    // GitHub announces the PR the app opened (`pull_request.opened`) while the job decorates it: the handler learns
    // the app's own bot login (once per process, in no fixed order with the decoration) and audits nothing for it.
    expect(github.filter((r) => r === "GET /app")).toHaveLength(1);
    expect(github.filter((r) => r !== "GET /app")).toEqual([
      "GET /repos/acme/.github/contents/.github%2Fjfrog-oidc.yml",
      "POST /api/graphql",
      "POST /repos/acme/web/git/refs",
      "POST /api/graphql",
      "POST /repos/acme/web/pulls",
      "POST /repos/acme/web/issues/1/labels",
      "POST /repos/acme/web/pulls/1/requested_reviewers",
    ]);
    const graphql = bodiesSent(world, "github", "POST /api/graphql", beforeCreate) as Array<{
      query: string;
    }>;
    expect(graphql.map((b) => /\b(query|mutation) (\w+)/.exec(b.query)?.slice(1).join(" "))).toEqual([
      "query ObserveRepository",
      "mutation AddWorkflowFile",
    ]);
  });

  it("writes the GitHub side only after JFrog accepted the mapping", () => {
    const mapping = world.jfrog.requests.find(
      (r) => r.method === "POST" && r.path.endsWith("/identity_mappings"),
    );
    const firstGitHubWrite = world.github.requests
      .slice(beforeCreate.github)
      .find((r) => r.method === "POST" && r.path.startsWith("/api/v3/repos/"));
    expect(mapping?.status).toBe(201);
    expect(firstGitHubWrite?.at).toBeGreaterThan(mapping?.at ?? Number.POSITIVE_INFINITY);
  });

  it("opens the PR from the onboarding branch as asked, with a body that explains the mapping and the way back", () => {
    expect(bodiesSent(world, "github", "POST /repos/acme/web/pulls", beforeCreate)).toEqual([
      expect.objectContaining({
        head: ONBOARDING_BRANCH,
        base: "main",
        title: "Add JFrog OIDC workflow",
        draft: false,
      }),
    ]);
    const web = world.github.repository("acme", "web");
    const body = web.pulls[0]?.body ?? "";
    expect(body).toContain(`| \`repository_id\` | \`${web.id}\` |`);
    expect(body).toContain('Scope: `applied-permissions/groups:"ci-readers"`');
    expect(body).toContain("### Rolling back");
    expect(body).toContain("Only runs on `refs/heads/main` get a token; runs on any other ref do not.");
  });

  it("gets a workflow whose job may only read contents and request an ID token", () => {
    const workflow = parse(addedFiles(world.github.repository("acme", "web"))[WORKFLOW_PATH] ?? "");
    const jobs = Object.values(workflow.jobs) as Array<{ permissions: unknown }>;
    expect(jobs.map((j) => j.permissions)).toEqual([{ contents: "read", "id-token": "write" }]);
  });
});

describe("after the PR is merged, the workflow's token exchange", () => {
  beforeAll(async () => {
    world.github.mergePullRequest("acme", "web", 1);
    world.github.createRepository({ owner: "acme", name: "api", files: { "pom.xml": "<project/>\n" } });
    world.github.createRepository({ owner: "acme", name: "docs", files: { "README.md": "# docs\n" } });
    await world.settle();
  });

  it("leaves the merged workflow alone: no second PR", () => {
    const web = world.github.repository("acme", "web");
    expect(web.files()[WORKFLOW_PATH]).toBeDefined();
    expect(web.pulls.map((p) => [p.number, p.state, p.merged])).toEqual([[1, "closed", true]]);
  });

  it("is granted for the repository, with the mapping's scope", async () => {
    const { provider, audience } = workflowSettings(
      world.github.repository("acme", "web").files()[WORKFLOW_PATH] ?? "",
    );
    const token = await world.mintIdToken({ repo: "web", ...(audience && { audience }) });
    const answer = await world.exchange(token, provider);
    expect(answer).toMatchObject({
      status: 200,
      body: { scope: 'applied-permissions/groups:"ci-readers"', expires_in: 900, token_type: "Bearer" },
    });
    const claims = await world.jfrog.verifyAccessToken(
      (answer.body as { access_token: string }).access_token,
    );
    const web = world.github.repository("acme", "web");
    expect(claims.identity_mapping).toBe(`gh-o${web.ownerId}-r${web.id}`);
  });

  it("admits another onboarded repository only through that repository's own mapping", async () => {
    const api = world.github.repository("acme", "api");
    const answer = await world.exchange(await world.mintIdToken({ repo: "api" }));
    expect(answer.status).toBe(200);
    const claims = await world.jfrog.verifyAccessToken(
      (answer.body as { access_token: string }).access_token,
    );
    expect(claims.identity_mapping).toBe(`gh-o${api.ownerId}-r${api.id}`);
  });

  it("refuses a repository the policy excludes, which has no mapping", async () => {
    expect(mappingsFor(world, world.github.repository("acme", "docs"))).toEqual([]);
    const answer = await world.exchange(await world.mintIdToken({ repo: "docs" }));
    expect(answer).toMatchObject({ status: 401, body: { errors: [{ code: "UNAUTHORIZED" }] } });
  });

  it("refuses a re-created acme/web (same name, new id)", async () => {
    const answer = await world.exchange(
      await world.mintIdToken({
        repo: "web",
        repoId: 999_999,
        ownerId: world.github.repository("acme", "web").ownerId,
      }),
    );
    expect(answer.status).toBe(401);
  });

  it("refuses a ref the policy excludes and a token for another audience", async () => {
    const feature = await world.exchange(await world.mintIdToken({ repo: "web", ref: "refs/heads/feature" }));
    expect(feature.status).toBe(401);
    const github = await world.exchange(
      await world.mintIdToken({ repo: "web", audience: "https://github.com/acme" }),
    );
    expect(github).toEqual({
      status: 400,
      body: { errors: [{ code: "BAD_REQUEST", message: "Invalid audience" }] },
    });
  });
});
