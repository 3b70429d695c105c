// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here.
/**
 * Where an admin looks: the audits' findings on the rollout dashboard (workflow findings per repository as of its
 * last push, and JFrog's side as of the last org scan: mappings that undo the per-repository boundary and the
 * repositories they shadow) and in `/jfrog-oidc status` (this repository's own findings, the shadowing mapping
 * never named). A JFrog administrator's hand-made wildcard mapping is reported, never edited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { DEBOUNCE_MS } from "../../src/rollout/dashboard/update-dashboard.js";
import { defaultPolicy, ORG_ADMIN, type World } from "../../src/sandbox/world.js";
import { comment, repliesTo, testWorld } from "./helpers.js";

const MARKER = "<!-- jfrog-oidc-rollout:dashboard v1 -->";
/** Made by hand by a JFrog admin: any repository of acme, tried before the app's (priority 1 < 100). */
const WIDE_OPEN = {
  name: "wide-open",
  description: "CI of every acme repository (set up by the JFrog admins)",
  priority: 1,
  claims: { repository: "acme/*" },
  token_spec: { scope: 'applied-permissions/groups:"deployers"', expires_in: 600 },
};
const STORED_TOKEN = [
  "on: push",
  "jobs:",
  "  publish:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: jfrog/setup-jfrog-cli@v4",
  "        env:",
  "          JF_ACCESS_TOKEN: ${{ secrets.JF_ACCESS_TOKEN }}",
  "",
].join("\n");

const clock = new VirtualClock();
let world: World;
beforeAll(async () => {
  world = await testWorld({
    policy: { ...defaultPolicy(), rollout: { existing: true } },
    clock,
    now: clock.date,
    existingRepositories: [{ name: "api" }, { name: "web" }],
  });
  const response = await fetch(`${world.jfrog.url}/access/api/v1/oidc/github-acme/identity_mappings`, {
    method: "POST",
    headers: { authorization: `Bearer ${world.jfrogAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify(WIDE_OPEN),
  });
  if (!response.ok) throw new Error(`JFrog admin: ${response.status}`);
});
afterAll(() => world.close());

const dashboard = () => {
  const found = world.github.repository("acme", ".github").issues.filter((i) => i.body.startsWith(MARKER));
  expect(found).toHaveLength(1);
  return found[0]?.body ?? "";
};
async function scanAndWait() {
  await world.app.composed.lifecycle.sweep();
  await world.settle();
  clock.advance(DEBOUNCE_MS);
  await world.settle();
}

describe("the audits on the rollout dashboard", () => {
  it("shows the hand-made mapping's findings and every repository it shadows, naming the app's mapping each has", async () => {
    await scanAndWait(); // onboards api and web (their mappings are created after this scan)
    await scanAndWait(); // sees them
    const api = world.github.repository("acme", "api");
    const body = dashboard();
    // Every repository it admits, the excluded `.github` too: its tokens are admitted all the same.
    expect(body).toContain("### Shadowed by another JFrog mapping: 3 repositories");
    expect(body).toContain(
      `| \`acme/api\` | \`gh-o${api.ownerId}-r${api.id}\` | \`wide-open\` | \`every token\` |`,
    );
    expect(body).toContain("### JFrog mappings that undo the per-repository boundary: 1 of 3");
    expect(body).toContain(
      "| `wide-open` | someone else | 2 | `no-issuer`, `wildcard-claim`, `name-only-pin` | 3 |",
    );
    // Reported, never edited.
    const mapping = world.jfrog.state.mappings.find((m) => m.name === "wide-open");
    expect(mapping).toMatchObject({ claims: WIDE_OPEN.claims, priority: 1 });
  });

  it("adds a repository's workflow findings after a push to its default branch, and drops them once fixed", async () => {
    world.github.push({
      owner: "acme",
      repo: "api",
      files: { ".github/workflows/publish.yml": STORED_TOKEN },
      as: ORG_ADMIN,
    });
    await world.settle();
    clock.advance(DEBOUNCE_MS);
    await world.settle();
    expect(dashboard()).toContain("### Workflow audit: 1 repositories with findings on their default branch");
    expect(dashboard()).toMatch(
      /\| `acme\/api` \| 1 \| 1 \| `action-outdated-major` .*; `stored-credential` Long-lived JFrog credential/,
    );

    world.github.push({
      owner: "acme",
      repo: "api",
      files: { ".github/workflows/publish.yml": null },
      as: ORG_ADMIN,
    });
    await world.settle();
    clock.advance(DEBOUNCE_MS);
    await world.settle();
    expect(dashboard()).not.toContain("### Workflow audit");
  });
});

describe("the audits in /jfrog-oidc status", () => {
  it("lists this repository's workflow findings and says a mapping it does not manage decides its tokens, unnamed", async () => {
    world.github.push({
      owner: "acme",
      repo: "web",
      files: { ".github/workflows/publish.yml": STORED_TOKEN },
      as: ORG_ADMIN,
    });
    await world.settle();
    const number = world.github.openIssue("acme", "web", { title: "JFrog?" }, ORG_ADMIN);
    const id = await comment(world, { repo: "web", number }, "/jfrog-oidc status", ORG_ADMIN);
    const [reply = ""] = repliesTo(world.github.repository("acme", "web"), id);
    expect(reply).toContain("| Workflow audit | ❌ 2 findings on the default branch (1 error(s)) |");
    expect(reply).toContain(
      "- `.github/workflows/publish.yml` line 6: `action-outdated-major` Outdated major of jfrog/setup-jfrog-cli",
    );
    expect(reply).toContain(
      "- `.github/workflows/publish.yml` line 8: `stored-credential` Long-lived JFrog credential fed from a stored secret",
    );
    expect(reply).toContain(
      "| JFrog mappings tried first | ⚠️ 1 mapping this app does not manage admits this repository's tokens before its own (below) |",
    );
    expect(reply).toContain("| a mapping not managed by this app | priority 1 | every token |");
    expect(reply).not.toMatch(/wide-open|deployers|JFrog admins/);
  });
});
