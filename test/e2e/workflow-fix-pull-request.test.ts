// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here.
/**
 * The workflow fix PR (`audit.fixPullRequests: true`), driven by people's pushes to the emulated GitHub: one PR
 * per repository with the smallest edits, updated in place when a push brings a new finding, never duplicated,
 * never re-opened once someone closed it, and its writes taken out of the installation's budget before the first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { defaultPolicy, ORG_ADMIN, type World } from "../../src/sandbox/world.js";
import { createWorkflowLinter } from "../workflow/actionlint.js";
import { APP_BOT, testWorld } from "./helpers.js";

const FIX_BRANCH = "jfrog-oidc/fix-workflows";
const BUILD = ".github/workflows/build.yml";
const RELEASE = ".github/workflows/release.yml";

/** A stored-token login on an old major, without `id-token: write`: three findings, all fixable. */
const build = [
  "name: build",
  "on: push",
  "permissions:",
  "  contents: read # least privilege",
  "jobs:",
  "  publish:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: actions/checkout@v4",
  "      - uses: jfrog/setup-jfrog-cli@v4",
  "        env:",
  "          JF_URL: https://acme.jfrog.io",
  "          JF_ACCESS_TOKEN: ${{ secrets.JF_ACCESS_TOKEN }}",
  "      - run: jf rt ping",
  "",
].join("\n");

/** OIDC, but a job-level `permissions` block that leaves out `id-token: write`. */
const release = [
  "on:",
  "  push:",
  "    tags: ['v*']",
  "jobs:",
  "  release:",
  "    runs-on: ubuntu-latest",
  "    permissions:",
  "      contents: read",
  "    steps:",
  "      - uses: jfrog/setup-jfrog-cli@v5",
  "        with:",
  "          oidc-provider-name: github-acme",
  "          oidc-audience: jfrog-github",
  "      - run: jf rt upload 'dist/*' generic-local/",
  "",
].join("\n");

const policy = { ...defaultPolicy(), audit: { fixPullRequests: true } };
const lint = createWorkflowLinter();

function push(world: World, files: Record<string, string | null>, message = "Update workflows") {
  world.github.push({ owner: "acme", repo: "api", files, message, as: ORG_ADMIN });
  return world.settle();
}

const api = (world: World) => world.github.repository("acme", "api");
const fixPulls = (world: World) => api(world).pulls.filter((p) => p.head === FIX_BRANCH);
/** Content-generating requests GitHub admitted for `acme/api` so far (REST writes and GraphQL mutations). */
const contentWrites = (world: World) => world.github.usage()["acme/api"]?.contentRequests ?? 0;

describe("the fix PR of a repository", () => {
  let world: World;
  beforeAll(async () => {
    world = await testWorld({
      policy,
      existingRepositories: [{ name: "api", files: { "README.md": "# api\n" } }],
    });
  });
  afterAll(() => world.close());

  it("is opened with the smallest edits, keeping every other byte, and says which secrets can go", async () => {
    await push(world, { [BUILD]: build });
    const [pr, ...more] = fixPulls(world);
    expect(more).toEqual([]);
    expect(pr).toMatchObject({
      state: "open",
      author: APP_BOT,
      base: "main",
      title: expect.stringContaining("JFrog OIDC"),
    });
    const fixed = api(world).files(FIX_BRANCH)[BUILD] ?? "";
    expect(fixed).toBe(
      [
        "name: build",
        "on: push",
        "permissions:",
        "  contents: read # least privilege",
        "jobs:",
        "  publish:",
        "    permissions:",
        "      contents: read",
        "      id-token: write",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - uses: jfrog/setup-jfrog-cli@v5",
        "        with:",
        "          oidc-provider-name: github-acme",
        "          oidc-audience: jfrog-github",
        "        env:",
        "          JF_URL: https://acme.jfrog.io",
        "      - run: jf rt ping",
        "",
      ].join("\n"),
    );
    expect(await lint(fixed)).toEqual([]);
    // Only the file with findings is in the PR; the rest of the branch is the default branch's head.
    const branchLog = api(world).log(FIX_BRANCH);
    expect(branchLog[1]?.oid).toBe(api(world).branches.main);
    expect(branchLog[0]).toMatchObject({ author: APP_BOT, verified: true });
    expect(api(world).files(FIX_BRANCH)["README.md"]).toBe("# api\n");

    const body = pr?.body ?? "";
    expect(body).toContain("**`.github/workflows/build.yml`**");
    expect(body).toContain("`jfrog/setup-jfrog-cli@v4` → `jfrog/setup-jfrog-cli@v5`");
    expect(body).toContain("`JF_ACCESS_TOKEN` removed from the `env`");
    expect(body.slice(body.indexOf("### Secrets you can delete"))).toContain("- `JF_ACCESS_TOKEN`");
    // The audit's check run reports the findings on the default branch too.
    expect(api(world).checkRuns.find((c) => c.headSha === api(world).branches.main)).toMatchObject({
      name: "jfrog-oidc workflow audit",
      conclusion: "failure",
    });
  });

  it("is updated in place when a push brings a new finding: same PR, the branch recomputed from the head", async () => {
    const number = fixPulls(world)[0]?.number;
    await push(world, { [RELEASE]: release }, "Add a release workflow");
    const pulls = fixPulls(world);
    expect(pulls.map((p) => [p.number, p.state])).toEqual([[number, "open"]]);
    const files = api(world).files(FIX_BRANCH);
    expect(files[RELEASE]).toBe(
      release.replace("      contents: read\n", "      contents: read\n      id-token: write\n"),
    );
    expect(await lint(files[RELEASE] ?? "")).toEqual([]);
    expect(files[BUILD]).toContain("jfrog/setup-jfrog-cli@v5");
    // One commit on top of the new head: no stale edit carried over.
    const branchLog = api(world).log(FIX_BRANCH);
    expect(branchLog[1]?.oid).toBe(api(world).branches.main);
    expect(branchLog[0]?.message).toBe("Fix the JFrog OIDC sign-in of 2 workflow file(s)");
    expect(pulls[0]?.body).toContain("**`.github/workflows/release.yml`**");
    expect(pulls[0]?.body).toContain("line 8: job `release`: `id-token: write` added to its permissions");
  });

  it("costs no write when the fix is unchanged (a push that touches a workflow without JFrog)", async () => {
    const writes = contentWrites(world);
    const checks = api(world).checkRuns.length;
    await push(world, {
      ".github/workflows/lint.yml":
        "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n",
    });
    expect(fixPulls(world)).toHaveLength(1);
    // The check run of the new head, nothing about the fix PR.
    expect(api(world).checkRuns).toHaveLength(checks + 1);
    expect(contentWrites(world)).toBe(writes + 1);
  });

  it("once closed unmerged, is respected: a new finding opens no other PR", async () => {
    const number = fixPulls(world)[0]?.number ?? 0;
    world.github.closePullRequest("acme", "api", number, ORG_ADMIN);
    await world.settle();
    const branch = api(world).branches[FIX_BRANCH];
    const writes = contentWrites(world);
    const checks = api(world).checkRuns.length;
    await push(world, { ".github/workflows/deploy.yml": build.replace("name: build", "name: deploy") });
    expect(fixPulls(world).map((p) => [p.number, p.state])).toEqual([[number, "closed"]]);
    expect(api(world).branches[FIX_BRANCH]).toBe(branch);
    expect(api(world).checkRuns).toHaveLength(checks + 1);
    expect(contentWrites(world)).toBe(writes + 1);
    expect(world.logs.some((l) => l.includes("was closed unmerged: the repository declined it"))).toBe(true);
  });
});

describe("the fix PR and the scope", () => {
  // `docs` is excluded by the world's org policy (`repositories.exclude`).
  it("is not opened in a repository the org policy excludes (the audit's check run still reports)", async () => {
    const world = await testWorld({ policy, existingRepositories: [{ name: "docs" }] });
    try {
      world.github.push({ owner: "acme", repo: "docs", files: { [BUILD]: build }, as: ORG_ADMIN });
      await world.settle();
      const docs = world.github.repository("acme", "docs");
      expect(docs.pulls).toEqual([]);
      expect(docs.branches[FIX_BRANCH]).toBeUndefined();
      expect(docs.checkRuns.map((c) => c.conclusion)).toEqual(["failure"]);
      expect(
        world.logs.some((l) => l.includes("out of scope: the repository matches the exclude pattern")),
      ).toBe(true);
    } finally {
      await world.close();
    }
  });
});

describe("the fix PR and the installation's write budget", () => {
  it("reserves its writes before the first: refused, nothing is half-written, and it is done once the budget frees", async () => {
    const clock = new VirtualClock();
    const world = await testWorld({
      policy,
      clock,
      now: clock.date,
      budgetLimits: { perMinute: 4, perHour: 100, headroomPerMinute: 1, headroomPerHour: 1 },
      existingRepositories: [{ name: "api", files: { "README.md": "# api\n" } }],
    });
    try {
      // 3 writes for the PR and 1 for the check run: the minute's budget is spent.
      await push(world, { [BUILD]: build });
      const [pr] = fixPulls(world);
      expect(pr?.state).toBe("open");
      const branch = api(world).branches[FIX_BRANCH];

      const writes = contentWrites(world);
      const checks = api(world).checkRuns.length;
      await push(world, { [RELEASE]: release }, "Add a release workflow");
      // Deferred before any write: the branch, the PR and the checks are as they were.
      expect(contentWrites(world)).toBe(writes);
      expect(api(world).checkRuns).toHaveLength(checks);
      expect(api(world).branches[FIX_BRANCH]).toBe(branch);
      expect(fixPulls(world)[0]?.body).toBe(pr?.body);

      clock.advance(60_000);
      await world.settle();
      clock.advance(60_000);
      await world.settle();
      expect(fixPulls(world).map((p) => p.number)).toEqual([pr?.number]);
      expect(api(world).files(FIX_BRANCH)[RELEASE]).toContain("id-token: write");
      expect(world.app.composed.failures.list(world.installationId)).toEqual([]);
    } finally {
      await world.close();
    }
  });
});
