/**
 * GitHub answers a GraphQL request over the rate limit with HTTP 200 and an error of type RATE_LIMITED (not a 403):
 * the job must wait as told, like after a REST rate-limit answer, and never count it as a failed attempt. The
 * errors here are what Probot's Octokit really throws for that answer (nock at the network edge), with its
 * throttling plugin as production configures it and without it (a scaled-down budget window).
 * https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#exceeding-the-rate-limit
 */
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { asDeferral, UNSPECIFIED_RATE_LIMIT_WAIT_MS } from "../../src/rollout/deferral.js";
import { probotOctokit } from "../../src/rollout/octokit-throttle.js";

const NOW = Date.parse("2026-03-02T09:00:00Z");
const RATE_LIMITED = {
  data: null,
  errors: [{ type: "RATE_LIMITED", message: "API rate limit already exceeded for installation ID 42." }],
};

async function graphqlError(smoothing: boolean, headers: Record<string, string>): Promise<unknown> {
  nock("https://api.github.com").post("/graphql").reply(200, RATE_LIMITED, headers);
  const Octokit = probotOctokit({ smoothing });
  const octokit = new Octokit({ auth: { token: "ghs_test" }, retry: { enabled: false } });
  return octokit.graphql("query { viewer { login } }").then(
    () => expect.unreachable("a RATE_LIMITED answer must throw"),
    (error: unknown) => error,
  );
}

afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe.each([
  ["with Probot's throttling plugin", true],
  ["without it", false],
])("a GraphQL RATE_LIMITED answer (%s)", (_name, smoothing) => {
  it("defers the job until the primary limit resets", async () => {
    const error = await graphqlError(smoothing, {
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(NOW / 1000 + 600),
    });
    const deferral = asDeferral(error, NOW);
    expect(deferral).toMatchObject({
      untilMs: NOW + 600_000,
      reason: "GitHub GraphQL rate limit (RATE_LIMITED)",
    });
  });

  it("waits as retry-after says, or a minute when the answer says nothing", async () => {
    expect(asDeferral(await graphqlError(smoothing, { "retry-after": "90" }), NOW)?.untilMs).toBe(
      NOW + 90_000,
    );
    expect(asDeferral(await graphqlError(smoothing, {}), NOW)?.untilMs).toBe(
      NOW + UNSPECIFIED_RATE_LIMIT_WAIT_MS,
    );
  });
});

it("still counts any other GraphQL error as a failure", async () => {
  nock("https://api.github.com")
    .post("/graphql")
    .reply(200, {
      data: null,
      errors: [{ type: "NOT_FOUND", message: "Could not resolve to a Repository" }],
    });
  const Octokit = probotOctokit({ smoothing: false });
  const error = await new Octokit({ auth: { token: "ghs_test" } })
    .graphql("query { viewer { login } }")
    .catch((e: unknown) => e);
  expect(asDeferral(error, NOW)).toBeUndefined();
});
