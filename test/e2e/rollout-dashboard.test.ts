/**
 * The rollout dashboard: one issue of the org's `.github` repository, opened once and edited in place after org
 * scans, give-ups and recoveries (never more than once per debounce window, never when nothing changed), its
 * writes taken out of the installation's content budget. An org owner ticking a failing repository's box retries
 * it; anyone else's tick, and lines the app did not write, do nothing. `/jfrog-oidc rollout status` says the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { DEBOUNCE_MS } from "../../src/rollout/dashboard/update-dashboard.js";
import { defaultPolicy, ORG_ADMIN, ORG_MEMBER, type World } from "../../src/sandbox/world.js";
import { APP_BOT, comment, mappingsFor, repliesTo, testWorld } from "./helpers.js";

const MARKER = "<!-- jfrog-oidc-rollout:dashboard v1 -->";
const clock = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: { ...defaultPolicy(), rollout: { existing: true } },
    clock,
    now: clock.date,
    retryDelaysMs: [],
    existingRepositories: [{ name: "api" }, { name: "web" }],
  });
});
afterAll(() => world.close());

const dotGithub = () => world.github.repository("acme", ".github");
const dashboards = () => dotGithub().issues.filter((i) => i.body.startsWith(MARKER));
const dashboard = () => {
  const [only, ...more] = dashboards();
  expect(more).toEqual([]);
  if (!only) throw new Error("no dashboard issue");
  return only;
};
const contentWrites = (repo: string) => world.github.usage()[`acme/${repo}`]?.contentRequests ?? 0;
const state = (name: string) => {
  const repo = world.github.repository("acme", name);
  return { mappings: mappingsFor(world, repo).length, pulls: repo.pulls.length };
};
/** The next debounce window, and whatever was deferred to it. */
async function later() {
  clock.advance(DEBOUNCE_MS);
  await world.settle();
}
/** A person edits the dashboard: the box of `name` ticked. */
function tick(body: string, name: string): string {
  return body
    .split("\n")
    .map((line) =>
      line.startsWith("- [ ] ") && line.includes(`\`acme/${name}\``) ? line.replace("- [ ]", "- [x]") : line,
    )
    .join("\n");
}

describe("the dashboard issue", () => {
  it("is opened by the app after the first org scan, with the counts of every repository", async () => {
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    expect(state("api")).toEqual({ mappings: 1, pulls: 1 });
    expect(dashboard().body).toContain("| Pending | 2 |"); // as the scan found them
    await later(); // the PRs opened since: one more edit once the debounce window is over
    const issue = dashboard();
    expect(issue).toMatchObject({ author: APP_BOT, state: "open", title: "JFrog OIDC rollout dashboard" });
    expect(issue.body).toContain("| Onboarding PR open | 2 |");
    expect(issue.body).toContain("**Progress:** 2 of 2 repositories in scope settled (100%)");
  });

  it("is edited in place, and not at all when a scan finds nothing new", async () => {
    const writes = contentWrites(".github");
    await later();
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    expect(contentWrites(".github")).toBe(writes);

    world.github.mergePullRequest(
      "acme",
      "web",
      world.github.repository("acme", "web").pulls[0]?.number ?? 0,
    );
    await world.settle();
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    await later();
    expect(dashboard().body).toContain("| Onboarded (workflow on the default branch) | 1 |");
    expect(contentWrites(".github")).toBe(writes + 1);
  });

  it("lists a repository whose job was given up with a retry box", async () => {
    const outage = world.jfrog.faults.add({ pathPattern: /identity_mappings/, method: "POST", status: 500 });
    world.github.createRepository({ owner: "acme", name: "flaky", files: { "package.json": "{}\n" } });
    await world.settle();
    await later();
    outage.remove();
    expect(state("flaky")).toEqual({ mappings: 0, pulls: 0 });
    const flakyId = world.github.repository("acme", "flaky").id;
    expect(dashboard().body).toMatch(
      new RegExp(
        `^- \\[ \\] \`acme/flaky\` failing since .* <!-- jfrog-oidc-rollout:retry \\d+/${flakyId} acme/flaky -->$`,
        "m",
      ),
    );
    expect(dashboard().body).toContain("| Failing (given up; retried by the next sweep) | 1 |");
  });

  it("answers /jfrog-oidc rollout status with the dashboard's numbers", async () => {
    const id = await comment(
      world,
      { repo: ".github", number: dashboard().number },
      "/jfrog-oidc rollout status",
      ORG_ADMIN,
    );
    const [reply] = repliesTo(dotGithub(), id);
    expect(reply).toContain("2 of 3 in scope settled (66%): 1 onboarded, 1 with the PR open, 0 declined.");
    expect(reply).toContain("Still to do: 0 pending, 1 failing");
    expect(dashboard().body).toContain("**Progress:** 2 of 3 repositories in scope settled (66%)");
  });
});

describe("ticking a retry box", () => {
  it("by a member who is not an org owner retries nothing", async () => {
    const mark = world.jfrog.requests.length;
    world.github.editIssueBody(
      "acme",
      ".github",
      dashboard().number,
      tick(dashboard().body, "flaky"),
      ORG_MEMBER,
    );
    await world.settle();
    expect(state("flaky")).toEqual({ mappings: 0, pulls: 0 });
    expect(world.jfrog.requests.slice(mark).filter((r) => r.method !== "GET")).toEqual([]);
    expect(
      world.logs.some((l) => l.includes("dashboard ticks ignored: the editor is not an org owner")),
    ).toBe(true);
  });

  it("on a line the app did not write retries nothing, even by an org owner", async () => {
    await later(); // the member's tick is undone
    expect(dashboard().body).toContain("- [ ] `acme/flaky`");
    const api = world.github.repository("acme", "api");
    const planted = `${dashboard().body}\n- [x] \`acme/api\` <!-- jfrog-oidc-rollout:retry ${api.ownerId}/${api.id} acme/api -->`;
    const mark = world.github.requests.length;
    const logsBefore = world.logs.length;
    world.github.editIssueBody("acme", ".github", dashboard().number, planted, ORG_ADMIN);
    await world.settle();
    const after = world.github.requests.slice(mark).map((r) => r.path);
    expect(after.filter((p) => p.includes("/repos/acme/api"))).toEqual([]);
    // Nothing was queued: no retry logged, no reconcile of api run.
    const logged = world.logs
      .slice(logsBefore)
      .map((l) => JSON.parse(l) as { msg: string; repository?: string });
    expect(logged.filter((l) => l.msg === "dashboard retries queued" || l.repository === "acme/api")).toEqual(
      [],
    );
  });

  it("by an org owner retries the repository at once; it is onboarded and leaves the dashboard", async () => {
    await later();
    world.github.editIssueBody(
      "acme",
      ".github",
      dashboard().number,
      tick(dashboard().body, "flaky"),
      ORG_ADMIN,
    );
    await world.settle();
    expect(state("flaky")).toEqual({ mappings: 1, pulls: 1 });
    expect(world.app.composed.failures.list()).toEqual([]);
    await later();
    expect(dashboard().body).not.toContain("acme/flaky");
    expect(dashboard().body).toContain("| Failing (given up; retried by the next sweep) | 0 |");
    expect(dashboard().body).toContain("| Onboarding PR open | 2 |");
  });

  it("all of which came out of the content budget, like every other write", async () => {
    const spent = Object.values(world.github.usage()).reduce((n, u) => n + u.contentRequests, 0);
    expect(contentWrites(".github")).toBeGreaterThanOrEqual(4);
    const remaining = await world.app.composed.budget.remaining(world.installationId);
    // No write escaped the budget: it granted at least as many as GitHub counted (within the last hour).
    expect(500 - remaining.perHour).toBeGreaterThanOrEqual(spent);
  });
});

describe("after a restart", () => {
  it("the new process finds the dashboard by its marker and edits it; it never opens a second", async () => {
    const number = dashboard().number;
    const writes = contentWrites(".github");
    await world.restartApp({});
    world.github.mergePullRequest(
      "acme",
      "api",
      world.github.repository("acme", "api").pulls[0]?.number ?? 0,
    );
    await world.settle();
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    expect(dashboard().number).toBe(number);
    expect(dashboard().body).toContain("| Onboarded (workflow on the default branch) | 2 |");
    expect(contentWrites(".github")).toBe(writes + 1);
  });
});
