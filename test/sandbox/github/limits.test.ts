/**
 * GitHub's secondary limit on content creation (80/min, 500/h per actor), on a clock the test moves; and the
 * per-repository accounting benchmarks read.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CREATE_COMMIT_MUTATION } from "../../../src/github/onboarding-pull-request.js";
import { GITHUB_CONTENT_LIMITS, SECONDARY_LIMIT_MESSAGE } from "../../../src/sandbox/github/index.js";
import { ContentBudget } from "../../../src/sandbox/github/limits.js";
import { ManualClock } from "../../../src/sandbox/shared/clock.js";
import { call, githubError, graphql, type Setup, setup } from "./helpers.js";

describe("ContentBudget", () => {
  it("admits 80 a minute by default, then says when the oldest leaves the window", () => {
    const clock = new ManualClock(new Date("2026-01-01T00:00:00Z"));
    const budget = new ContentBudget(clock.now);
    expect(budget.limits).toEqual(GITHUB_CONTENT_LIMITS);
    for (let i = 0; i < 80; i++) {
      expect(budget.take("a")).toEqual({ ok: true });
      clock.advance(500);
    }
    // The first request was 40 s ago: the window frees in 20 s.
    expect(budget.take("a")).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(budget.take("b")).toEqual({ ok: true });
    clock.advance(20_000);
    expect(budget.take("a")).toEqual({ ok: true });
  });

  it("also caps an hour, whatever the minutes look like", () => {
    const clock = new ManualClock();
    const budget = new ContentBudget(clock.now, { perMinute: 80, perHour: 3 });
    for (let i = 0; i < 3; i++) {
      expect(budget.take("a").ok).toBe(true);
      clock.advance(10 * 60_000);
    }
    expect(budget.take("a")).toEqual({ ok: false, retryAfterSeconds: 30 * 60 });
  });

  it("rejects limits that are not positive integers", () => {
    expect(() => new ContentBudget(() => new Date(), { perMinute: 0, perHour: 1 })).toThrow(RangeError);
  });
});

describe("over HTTP", () => {
  let s: Setup;
  afterEach(() => s.github.close());

  it("answers the write over the limit 403 with retry-after, for REST and GraphQL, counted per repository", async () => {
    const clock = new ManualClock();
    s = await setup({ now: clock.now, limits: { perMinute: 2, perHour: 100 } });
    const token = s.token;
    const label = (name: string) =>
      call(s.github, "POST", "/repos/acme/web/labels", { token, body: { name } });
    expect((await label("a")).status).toBe(201);
    expect((await label("b")).status).toBe(201);
    clock.advance(15_000);
    const refused = await label("c");
    expect(refused).toMatchObject({ status: 403, body: githubError(403, SECONDARY_LIMIT_MESSAGE) });
    expect(refused.headers.get("retry-after")).toBe("45");
    // Octokit's throttling plugin recognises it by this wording.
    expect(SECONDARY_LIMIT_MESSAGE).toMatch(/\bsecondary rate\b/i);

    const head = s.github.repository("acme", "web").branches.main;
    const mutation = await graphql(s.github, token, CREATE_COMMIT_MUTATION, {
      input: {
        branch: { repositoryNameWithOwner: "acme/web", branchName: "main" },
        expectedHeadOid: head,
        message: { headline: "x" },
        fileChanges: { additions: [{ path: "x", contents: "eA==" }] },
      },
    });
    expect(mutation.status).toBe(403);
    // Reads are never limited.
    expect((await call(s.github, "GET", "/repos/acme/web/labels", { token })).status).toBe(200);

    expect(s.github.usage()["acme/web"]).toEqual({ requests: 5, contentRequests: 2, rateLimited: 2 });
    clock.advance(45_000);
    expect((await label("c")).status).toBe(201);
  });

  it("can change its limits while running", async () => {
    s = await setup();
    s.github.limits = { perMinute: 1, perHour: 1 };
    expect(s.github.limits).toEqual({ perMinute: 1, perHour: 1 });
    expect(
      (await call(s.github, "POST", "/repos/acme/web/labels", { token: s.token, body: { name: "a" } }))
        .status,
    ).toBe(201);
    expect(
      (await call(s.github, "POST", "/repos/acme/web/labels", { token: s.token, body: { name: "b" } }))
        .status,
    ).toBe(403);
  });
});
