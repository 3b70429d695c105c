/**
 * Writes stopped by the JFrog token watch (the admin token expired) are shown where an org owner looks: first on
 * the rollout dashboard, and first in `/jfrog-oidc rollout status`, with the fix, while the repositories wait
 * (no mapping, no PR). The token is rotated (the watch reads the new one), the next check passes: writes resume.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { DEBOUNCE_MS } from "../../src/rollout/dashboard/update-dashboard.js";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { comment, mappingsFor, repliesTo, testWorld } from "./helpers.js";

const MARKER = "<!-- jfrog-oidc-rollout:dashboard v1 -->";
const STOPPED =
  /^⛔ \*\*Writes are stopped: the JFrog admin token expired on .*\. To resume, create a new JFrog admin/m;
const clock = new VirtualClock();

/** An access token's shape (a JWT) expiring `days` from the clock's now (negative: expired). */
function tokenExpiringIn(days: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const exp = Math.floor(clock.now() / 1000) + days * 86_400;
  return `${part({ alg: "RS256", typ: "JWT" })}.${part({ sub: "jfac@01/users/admin", scp: "applied-permissions/admin", exp })}.c2ln`;
}

let token = tokenExpiringIn(-1);
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: { ...defaultPolicy(), rollout: { existing: true } },
    clock,
    now: clock.date,
    retryDelaysMs: [],
    existingRepositories: [{ name: "api" }],
    tokenWatch: { token: () => token },
  });
  await world.app.composed.tokenWatch?.lastCheck;
});
afterAll(() => world.close());

const dotGithub = () => world.github.repository("acme", ".github");
const dashboard = () => dotGithub().issues.find((i) => i.body.startsWith(MARKER));

describe("writes stopped by an expired JFrog token", () => {
  it("are reported first on the dashboard and in `rollout status`, while the repositories wait", async () => {
    expect(world.app.composed.tokenWatch?.state).toBe("expired");
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    const api = world.github.repository("acme", "api");
    expect({ pulls: api.pulls.length, mappings: mappingsFor(world, api).length }).toEqual({
      pulls: 0,
      mappings: 0,
    });

    const body = dashboard()?.body ?? "";
    expect(body).toMatch(STOPPED);
    expect(body.indexOf("⛔")).toBeLessThan(body.indexOf("**Running.**"));
    expect(body).toContain("**ETA:** none while writes are stopped.");

    const issue = world.github.openIssue("acme", ".github", { title: "Rollout" }, "octocat");
    const id = await comment(
      world,
      { repo: ".github", number: issue },
      "/jfrog-oidc rollout status",
      "octocat",
    );
    const [reply] = repliesTo(dotGithub(), id);
    expect(reply).toMatch(STOPPED);
    expect(reply).toContain("ETA: none while writes are stopped.");
  });

  it("are gone from both once a rotated token passes the next check, and the writes resume", async () => {
    token = tokenExpiringIn(90);
    expect(await world.app.composed.tokenWatch?.check()).toBe("valid");
    await world.app.composed.lifecycle.sweep();
    await world.settle();
    const api = world.github.repository("acme", "api");
    expect({ pulls: api.pulls.length, mappings: mappingsFor(world, api).length }).toEqual({
      pulls: 1,
      mappings: 1,
    });
    // The dashboard is edited at most once per debounce window: the next one shows writes running again.
    clock.advance(DEBOUNCE_MS);
    await world.settle();
    expect(dashboard()?.body).not.toContain("Writes are stopped");
    expect(dashboard()?.body).toContain("| Onboarding PR open | 1 |");
  });
});
