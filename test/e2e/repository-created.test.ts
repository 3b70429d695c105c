/**
 * The main story: a repository is created → its mapping is registered (pinned to immutable ids) → one PR adds the
 * workflow → the PR is merged → the workflow's token exchange is admitted for that repository only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import {
  addedFiles,
  mappingsFor,
  ONBOARDING_BRANCH,
  testWorld,
  WORKFLOW_PATH,
  workflowSettings,
} from "./helpers.js";

let world: World;
beforeAll(async () => {
  world = await testWorld();
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
