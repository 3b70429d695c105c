/**
 * Bad input gets GitHub's status and error shape, never a crash: the emulator answers the next request as usual.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rawExchange, rawJsonBody } from "../raw-http.js";
import { call, githubError, graphql, type Setup, setup } from "./helpers.js";

let s: Setup;
beforeAll(async () => {
  s = await setup();
});
afterAll(() => s.github.close());
afterEach(async () => {
  // Whatever the last test sent, the emulator still serves.
  expect((await call(s.github, "GET", "/repos/acme/web", { token: s.token })).status).toBe(200);
});

describe("REST", () => {
  it("answers 400 Problems parsing JSON to a malformed body", async () => {
    const answer = await call(s.github, "POST", "/repos/acme/web/pulls", {
      token: s.token,
      rawBody: '{"title": "t",',
    });
    expect(answer).toMatchObject({ status: 400, body: githubError(400, "Problems parsing JSON") });
  });

  it.each([
    ["/repos/acme/web/git/refs", { ref: "refs/heads/x" }, "sha"],
    ["/repos/acme/web/pulls", { title: "t", base: "main" }, "head"],
    ["/repos/acme/web/check-runs", { name: "c" }, "head_sha"],
    ["/repos/acme/web/labels", { color: "ffffff" }, "name"],
  ])("answers 422 when %s misses a required field", async (path, body, field) => {
    const answer = await call(s.github, "POST", path, { token: s.token, body });
    expect(answer).toMatchObject({
      status: 422,
      body: githubError(422, `Invalid request.\n\n"${field}" wasn't supplied.`),
    });
  });

  it("holds a check run's output to GitHub's limits: 65,535 characters, 50 annotations per request", async () => {
    const head_sha = s.github.repository("acme", "web").branches.main as string;
    const annotation = {
      path: "a.yml",
      start_line: 1,
      end_line: 1,
      annotation_level: "warning",
      message: "m",
    };
    const create = (output: Record<string, unknown>) =>
      call(s.github, "POST", "/repos/acme/web/check-runs", {
        token: s.token,
        body: { name: "limits", head_sha, status: "completed", conclusion: "neutral", output },
      });
    const refused = { status: 422, body: githubError(422, "Validation Failed") };
    expect(await create({ title: "t", summary: "s".repeat(65_536) })).toMatchObject(refused);
    expect(await create({ title: "t", summary: "s", text: "t".repeat(65_536) })).toMatchObject(refused);
    expect(await create({ title: "t", summary: "s", annotations: Array(51).fill(annotation) })).toMatchObject(
      refused,
    );
    const atLimits = await create({
      title: "t",
      summary: "s".repeat(65_535),
      text: "t".repeat(65_535),
      annotations: Array(50).fill(annotation),
    });
    expect(atLimits).toMatchObject({ status: 201, body: { output: { annotations_count: 50 } } });
    const run = s.github.repository("acme", "web").checkRuns.find((r) => r.name === "limits");
    expect(run?.annotations).toHaveLength(50);
  });

  it("answers 422 to a field of the wrong type and to a body that is not an object", async () => {
    const wrongType = await call(s.github, "POST", "/repos/acme/web/git/refs", {
      token: s.token,
      body: { ref: "refs/heads/x", sha: 42 },
    });
    expect(wrongType).toMatchObject({
      status: 422,
      body: githubError(422, "Invalid request.\n\nFor 'properties/sha', 42 is not a string."),
    });
    const notObject = await call(s.github, "POST", "/repos/acme/web/pulls", { token: s.token, body: ["x"] });
    expect(notObject).toMatchObject({ status: 422, body: githubError(422, /is not an object/) });
  });

  it.each([
    ["GET", "/api/v3/nope"],
    ["GET", "/api/v3/repos/acme/web/unknown"],
    ["DELETE", "/api/v3/repos/acme/web/pulls"],
    ["GET", "/not/an/api/path"],
    ["GET", "/api/v3/repos/acme/web/pulls/not-a-number"],
  ])("answers 404 Not Found to %s %s", async (method, path) => {
    const answer = await call(s.github, method, path, { token: s.token });
    expect(answer).toMatchObject({ status: 404, body: githubError(404, "Not Found") });
  });

  it("answers 404 to a repository that does not exist and to a malformed %-escape", async () => {
    expect((await call(s.github, "GET", "/repos/acme/nope", { token: s.token })).status).toBe(404);
    expect(
      (await call(s.github, "GET", "/repos/acme/web/contents/%E0%A4%A", { token: s.token })).status,
    ).toBe(404);
  });

  it("answers 404 Not Found to a request target that starts with //, and records it", async () => {
    const reply = await rawExchange(s.github.url, "GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 404 /);
    expect(rawJsonBody(reply)).toEqual(githubError(404, "Not Found"));
    expect(s.github.requests.at(-1)).toEqual({
      method: "GET",
      path: "//",
      query: {},
      status: 404,
      at: expect.any(Number),
    });
  });

  it("answers 400 to unparseable HTTP instead of leaving the socket hanging", async () => {
    const reply = await rawExchange(s.github.url, "NOT HTTP\r\n\r\n");
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
  });
});

describe("GraphQL", () => {
  it("answers 401 without a token and to a wrong one", async () => {
    expect(await graphql(s.github, null, "{ viewer { login } }")).toMatchObject({
      status: 401,
      body: githubError(401, "This endpoint requires you to be authenticated."),
    });
    expect((await graphql(s.github, "ghs_wrong", "{ viewer { login } }")).status).toBe(401);
  });

  it("answers 400 to malformed JSON and 200 with errors to a missing query", async () => {
    const malformed = await call(s.github, "POST", "/api/graphql", { token: s.token, rawBody: "{" });
    expect(malformed).toMatchObject({ status: 400, body: githubError(400, "Problems parsing JSON") });
    const missing = await call(s.github, "POST", "/api/graphql", { token: s.token, body: { variables: {} } });
    expect(missing).toMatchObject({
      status: 200,
      body: { errors: [{ message: expect.stringMatching(/query attribute/) }] },
    });
  });

  it("refuses a document GitHub's schema refuses, in GitHub's words, without data", async () => {
    const answer = await graphql(
      s.github,
      s.token,
      'query Q { repository(owner: "acme", name: "web") { nope } }',
    );
    expect(answer).toEqual({
      status: 200,
      headers: expect.anything(),
      body: {
        errors: [
          {
            message: "Field 'nope' doesn't exist on type 'Repository'",
            extensions: { code: "undefinedField", typeName: "Repository", fieldName: "nope" },
            locations: [{ line: 1, column: 52 }],
          },
        ],
      },
    });
  });

  it("reports a syntax error, an unknown argument and a missing required argument", async () => {
    const syntax = await graphql(s.github, s.token, "query { repository(");
    expect(syntax.body).toMatchObject({ errors: [{ message: expect.stringMatching(/^Parse error/) }] });
    const argument = await graphql(
      s.github,
      s.token,
      '{ repository(owner: "acme", name: "web", color: 1) { name } }',
    );
    expect(argument.body).toMatchObject({
      errors: [{ message: "Field 'repository' doesn't accept argument 'color'" }],
    });
    const required = await graphql(s.github, s.token, '{ repository(owner: "acme") { name } }');
    expect(required.body).toMatchObject({
      errors: [{ message: "Field 'repository' is missing required arguments: name" }],
    });
  });

  it("reports a variable that was not provided", async () => {
    const answer = await graphql(
      s.github,
      s.token,
      'query Q($name: String!) { repository(owner: "acme", name: $name) { name } }',
    );
    expect(answer.body).toMatchObject({
      errors: [
        {
          message: "Variable $name of type String! was provided invalid value",
          extensions: { value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] },
        },
      ],
    });
    expect(answer.body).not.toHaveProperty("data");
  });

  it("answers NOT_FOUND with data null for a repository it cannot see", async () => {
    const answer = await graphql(
      s.github,
      s.token,
      '{ repository(owner: "other", name: "secret") { name } }',
    );
    expect(answer.body).toMatchObject({
      data: { repository: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["repository"],
          message: "Could not resolve to a Repository with the name 'other/secret'.",
        },
      ],
    });
  });

  it("says which field the emulator does not implement instead of inventing a value", async () => {
    const answer = await graphql(
      s.github,
      s.token,
      '{ repository(owner: "acme", name: "web") { stargazerCount } }',
    );
    expect(answer.body).toMatchObject({
      data: { repository: null },
      errors: [{ message: "The GitHub emulator does not implement Repository.stargazerCount" }],
    });
  });
});
