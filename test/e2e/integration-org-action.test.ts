/**
 * The JFrog integration as the org's own action, on the emulators, driven only by webhooks:
 *   - first start with no integration and `provider.manage: create`: the install's org scan creates it exactly
 *     once, with the policy's fields, then the existing repositories are onboarded against it;
 *   - the same with DRY_RUN: the create is printed in the plan log, nothing is written anywhere;
 *   - an integration that differs from the policy is never overwritten: no writes for the org, and a failed check
 *     run on the policy's commit in `.github` names the difference.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import {
  bodiesSent,
  comment,
  mappingsFor,
  repliesTo,
  requestMark,
  requestsSince,
  sendInstallationEvent,
  testWorld,
} from "./helpers.js";

const EXISTING = [{ name: "billing" }, { name: "search" }];
const managedPolicy = () => {
  const policy = defaultPolicy();
  return {
    ...policy,
    provider: { ...policy.provider, manage: "create" as const },
    rollout: { existing: true },
  };
};
/** Without the integration the world seeds: the org's JFrog has never seen this app. */
const noIntegration = ({ jfrog }: { jfrog: { reset(): void } }) => jfrog.reset();

const logLines = (world: World) => world.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
const writesTo = (requests: string[]) =>
  requests.filter((r) => !r.startsWith("GET ") && !r.endsWith("/graphql"));

describe("first start without the integration, the policy managing it", () => {
  let world: World;
  let mark: ReturnType<typeof requestMark>;
  beforeAll(async () => {
    world = await testWorld({
      policy: managedPolicy(),
      existingRepositories: EXISTING,
      beforeAppStarts: noIntegration,
    });
    mark = requestMark(world);
    await sendInstallationEvent(world, "installation", "created");
  });
  afterAll(() => world.close());

  it("creates the integration exactly once, with the policy's fields, before any mapping", () => {
    const jfrog = requestsSince(world, mark).jfrog;
    expect(jfrog.filter((r) => r === "POST /access/api/v1/oidc")).toHaveLength(1);
    expect(bodiesSent(world, "jfrog", "POST /access/api/v1/oidc", mark)).toEqual([
      {
        name: "github-acme",
        issuer_url: "https://token.actions.githubusercontent.com",
        provider_type: "GitHub",
        audience: "jfrog-github",
        organization: "acme",
        description: "[jfrog-oidc-rollout] GitHub Actions of the acme organization",
      },
    ]);
    const firstMapping = jfrog.indexOf("POST /access/api/v1/oidc/github-acme/identity_mappings");
    expect(firstMapping).toBeGreaterThan(jfrog.indexOf("POST /access/api/v1/oidc"));
    expect(logLines(world).filter((l) => l.msg === "JFrog OIDC integration created")).toHaveLength(1);
  });

  it("then onboards the existing repositories against it: one mapping and one PR each", () => {
    for (const { name } of EXISTING) {
      const repo = world.github.repository("acme", name);
      expect(mappingsFor(world, repo)).toHaveLength(1);
      expect(repo.pulls).toHaveLength(1);
    }
    expect(world.jfrog.state.integrations.map((i) => i.name)).toEqual(["github-acme"]);
  });

  it("does not create it again for the next repository", async () => {
    const before = requestMark(world);
    world.github.createRepository({ owner: "acme", name: "web", files: { "package.json": "{}\n" } });
    await world.settle();
    expect(mappingsFor(world, world.github.repository("acme", "web"))).toHaveLength(1);
    expect(requestsSince(world, before).jfrog).not.toContain("POST /access/api/v1/oidc");
  });
});

describe("the same first start with DRY_RUN", () => {
  let world: World;
  let mark: ReturnType<typeof requestMark>;
  beforeAll(async () => {
    world = await testWorld({
      policy: managedPolicy(),
      existingRepositories: EXISTING,
      beforeAppStarts: noIntegration,
      dryRun: true,
    });
    mark = requestMark(world);
    await sendInstallationEvent(world, "installation", "created");
  });
  afterAll(() => world.close());

  const create =
    'create the JFrog OIDC integration "github-acme" (provider type GitHub, issuer ' +
    "https://token.actions.githubusercontent.com, audience jfrog-github, organization acme)";

  it("prints the create as the org's action in the plan log", () => {
    const lines = logLines(world);
    expect(lines.find((l) => l.msg === "dry run: org plan logged, nothing written")).toMatchObject({
      org: "acme",
      orgActions: [create],
    });
    // Each repository's dry-run plan carries it too: its mapping waits on that integration.
    const plans = lines.filter((l) => l.msg === "dry run: plan logged, nothing written");
    expect(plans.map((l) => l.repository).sort()).toEqual(["acme/billing", "acme/search"]);
    for (const planned of plans) expect(planned.orgActions).toEqual([create]);
  });

  it("writes nothing to JFrog or GitHub", () => {
    const { github, jfrog } = requestsSince(world, mark);
    expect(writesTo(jfrog)).toEqual([]);
    // The rollout dashboard too is only rendered into the log.
    expect(writesTo(github)).toEqual([]);
    expect(logLines(world).find((l) => l.msg === "dry run: dashboard rendered, not written")).toMatchObject({
      org: "acme",
      dashboard: expect.stringContaining("0 of 2 repositories in scope settled"),
    });
    expect(world.jfrog.state.integrations).toEqual([]);
    for (const { name } of EXISTING) expect(world.github.repository("acme", name).pulls).toEqual([]);
  });

  it("`status`, `plan` and `verify` in a repository say the integration will be created, first of what would be done", async () => {
    const issue = world.github.openIssue("acme", "billing", { title: "JFrog?" }, "octocat");
    const where = { repo: "billing", number: issue };
    const statusId = await comment(world, where, "/jfrog-oidc status", "octocat");
    const [status = ""] = repliesTo(world.github.repository("acme", "billing"), statusId);
    expect(status).toContain(
      "| JFrog mappings tried first | ✅ none: no other mapping admits this repository's tokens first |",
    );
    expect(status).toContain(
      "| JFrog integration | ➕ `github-acme` does not exist yet: the app's next run creates it (`provider.manage: create`) |",
    );
    const planId = await comment(world, where, "/jfrog-oidc plan", "octocat");
    const [plan = ""] = repliesTo(world.github.repository("acme", "billing"), planId);
    expect(plan.split("\n").slice(2, 5)).toEqual([
      "`/jfrog-oidc sync` would, in this order:",
      "",
      "- create the org's JFrog OIDC integration `github-acme` (issuer `https://token.actions.githubusercontent.com`, audience `jfrog-github`)",
    ]);
    const verifyId = await comment(world, where, "/jfrog-oidc verify", "octocat");
    expect(repliesTo(world.github.repository("acme", "billing"), verifyId)).toEqual([
      "#### `/jfrog-oidc verify`\n\nℹ️ The JFrog OIDC integration `github-acme` does not exist yet (the app's next run " +
        "creates it): JFrog would refuse every token until then, so there is nothing to verify.",
    ]);
    expect(world.jfrog.state.integrations).toEqual([]);
  });
});

describe("a repository's `/jfrog-oidc sync` before any org scan", () => {
  let world: World;
  beforeAll(async () => {
    world = await testWorld({
      policy: managedPolicy(),
      existingRepositories: [{ name: "billing" }],
      beforeAppStarts: noIntegration,
    });
  });
  afterAll(() => world.close());

  it("applies the org's action first: the integration is created once, then the repository's mapping and PR", async () => {
    const mark = requestMark(world);
    const issue = world.github.openIssue("acme", "billing", { title: "JFrog?" }, "octocat");
    const id = await comment(world, { repo: "billing", number: issue }, "/jfrog-oidc sync", "octocat");
    const [reply = ""] = repliesTo(world.github.repository("acme", "billing"), id);
    expect(reply.split("\n").slice(2, 5)).toEqual([
      "Done:",
      "",
      "- ✅ create the org's JFrog OIDC integration `github-acme` (issuer `https://token.actions.githubusercontent.com`, audience `jfrog-github`)",
    ]);
    const jfrog = requestsSince(world, mark).jfrog.filter((r) => r.startsWith("POST "));
    expect(jfrog).toEqual([
      "POST /access/api/v1/oidc",
      "POST /access/api/v1/oidc/github-acme/identity_mappings",
    ]);
    expect(world.github.repository("acme", "billing").pulls).toHaveLength(1);
  });
});

describe("an integration that differs from the policy", () => {
  let world: World;
  let mark: ReturnType<typeof requestMark>;
  beforeAll(async () => {
    world = await testWorld({ policy: managedPolicy(), existingRepositories: EXISTING });
    // A JFrog admin re-made the integration with another audience before the app was installed.
    const admin = (method: string, path: string, body?: object) =>
      fetch(`${world.jfrog.url}/access/api/v1/oidc${path}`, {
        method,
        headers: { authorization: `Bearer ${world.jfrogAdminToken}`, "content-type": "application/json" },
        ...(body && { body: JSON.stringify(body) }),
      });
    await admin("DELETE", "/github-acme");
    const made = await admin("POST", "", {
      name: "github-acme",
      issuer_url: "https://token.actions.githubusercontent.com",
      provider_type: "GitHub",
      audience: "someone-elses-audience",
      organization: "acme",
    });
    expect(made.status).toBe(201);
    mark = requestMark(world);
    await sendInstallationEvent(world, "installation", "created");
  });
  afterAll(() => world.close());

  it("is refused: never overwritten, and no repository of the org is written", () => {
    const { github, jfrog } = requestsSince(world, mark);
    expect(writesTo(jfrog)).toEqual([]);
    expect(world.jfrog.state.integrations).toEqual([
      expect.objectContaining({ name: "github-acme", audience: "someone-elses-audience" }),
    ]);
    for (const { name } of EXISTING) {
      const repo = world.github.repository("acme", name);
      expect(mappingsFor(world, repo)).toEqual([]);
      expect(repo.pulls).toEqual([]);
    }
    // The one GitHub write: the check run below.
    expect(writesTo(github)).toEqual(["POST /repos/acme/.github/check-runs"]);
  });

  it("is reported on a failed check run on the policy's commit in .github, naming the difference", () => {
    const dotGithub = world.github.repository("acme", ".github");
    expect(dotGithub.checkRuns).toEqual([
      expect.objectContaining({
        name: "jfrog-oidc config",
        headSha: dotGithub.log("main")[0]?.oid,
        conclusion: "failure",
        title: "The JFrog OIDC integration does not match the org policy",
        summary: expect.stringContaining(
          'has audience "someone-elses-audience", the policy says "jfrog-github"',
        ),
      }),
    ]);
  });
});
