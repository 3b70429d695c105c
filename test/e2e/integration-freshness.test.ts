/**
 * The JFrog integration a PR relies on is never trusted from memory for work asked for after it was verified, nor
 * after JFrog refused a write: an admin's change to it stops the next PR, and a refused write reads it again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import type { World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { mappingsFor, testWorld } from "./helpers.js";
import { jfrogAdmin } from "./jfrog-admin.js";

const INTEGRATION_READ = "GET /access/api/v1/oidc/github-acme";
const timers = new VirtualClock();

let world: World;
beforeAll(async () => {
  world = await testWorld({
    secrets: { privateKey: appKeyPair().privateKey },
    clock: timers,
    now: timers.date,
    retryDelaysMs: [30_000],
  });
});
afterAll(() => world.close());

async function created(name: string) {
  world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
  await world.settle();
  return world.github.repository("acme", name);
}

const integrationReads = (from: number) =>
  world.jfrog.requests.slice(from).filter((r) => `${r.method} ${r.path}` === INTEGRATION_READ).length;

describe("the integration a PR relies on", () => {
  it("is read again when JFrog refuses a mapping write", async () => {
    const from = world.jfrog.requests.length;
    const refused = world.jfrog.faults.add({
      method: "POST",
      pathPattern: /\/identity_mappings$/,
      status: 400,
      times: 1,
    });
    const repo = await created("refused");
    expect(refused.hits).toBe(1);
    expect(integrationReads(from)).toBe(1);
    expect(repo.pulls).toEqual([]);
    expect(timers.pending).toBe(1);

    timers.fireAll();
    await world.settle();
    expect(integrationReads(from)).toBe(2);
    expect(world.github.repository("acme", "refused").pulls).toHaveLength(1);
  });

  it("is read again for a job asked for after it was verified: a changed audience stops the next PR", async () => {
    const first = await created("first");
    expect(first.pulls).toHaveLength(1);
    await jfrogAdmin(world, "PUT", "/github-acme", {
      name: "github-acme",
      issuer_url: "https://token.actions.githubusercontent.com",
      provider_type: "GitHub",
      audience: "changed-by-an-admin",
      organization: "acme",
    });

    const second = await created("second");
    expect(second.pulls).toEqual([]);
    expect(mappingsFor(world, second)).toEqual([]);
    expect(mappingsFor(world, first)).toHaveLength(1);
    const runs = world.github.repository("acme", ".github").checkRuns;
    expect(runs.at(-1)?.summary).toContain(
      'the JFrog OIDC integration "github-acme" has audience "changed-by-an-admin", the policy says "jfrog-github"',
    );
  });
});
