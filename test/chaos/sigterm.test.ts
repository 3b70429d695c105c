/**
 * SIGTERM while jobs run (JFrog slow, so they are mid-way): the process stops taking work, lets running jobs
 * finish or hands them back within SHUTDOWN_GRACE, and exits 0. The next process completes everything: the
 * start-up sweep in embedded mode, the durable queue in Redis mode.
 */
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../support/until.js";
import { logTail } from "./support/app-process.js";
import { type ChaosWorld, startChaosWorld } from "./support/chaos-world.js";
import { jobs } from "./support/observe-app.js";
import { names } from "./support/profile.js";

const GRACE_MS = 3_000;
/** Beyond the grace: closing the server and Redis, and a busy host. */
const EXIT_SLACK_MS = 5_000;

let world: ChaosWorld | undefined;

afterEach(async () => {
  await world?.close();
});

describe.each(["embedded", "redis"] as const)("SIGTERM with jobs running (%s mode)", (mode) => {
  it("exits within the grace period, and the next start completes every job", async () => {
    world = await startChaosWorld({
      mode,
      env: { SHUTDOWN_GRACE: `${GRACE_MS}ms`, SWEEP_INTERVAL: "1h" },
    });
    const repositories = names(`term-${mode}`, 6);
    const replica = await world.startReplica();
    // Slow JFrog: each job sits in its mapping write longer than the grace period, so whatever the host's speed
    // and the app's concurrency, jobs are still running when the grace ends and the next process has work left.
    const slow = world.jfrog.faults.add({
      method: "POST",
      pathPattern: /identity_mappings$/,
      latencyMs: GRACE_MS + 2_000,
    });
    for (const name of repositories) world.createRepository(name);
    await until(
      "jobs are running",
      async () => (await jobs(replica)).some((s) => s.labels.state === "running" && s.value > 0),
      20_000,
    );

    const signalled = Date.now();
    replica.signal("SIGTERM");
    const code = await replica.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(GRACE_MS + EXIT_SLACK_MS);
    expect(repositories.some((name) => world?.onboarding(name).openPulls === 0)).toBe(true);

    slow.remove();
    const next = await world.startReplica();
    await until(
      "every repository is onboarded by the next process",
      () => repositories.every((name) => world?.onboarding(name).openPulls === 1),
      40_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${logTail(next)}`);
    });
    for (const name of repositories)
      expect(world.onboarding(name), name).toEqual({
        mappings: 1,
        openPulls: 1,
        strayBranches: [],
        commitsOnBranch: 1,
      });
  });
});

describe("SIGTERM with jobs running when Redis is gone (redis mode)", () => {
  it("exits within the grace period, saying it could not hand the running jobs back", async () => {
    world = await startChaosWorld({
      mode: "redis",
      env: { SHUTDOWN_GRACE: `${GRACE_MS}ms`, SWEEP_INTERVAL: "1h" },
    });
    const replica = await world.startReplica();
    world.jfrog.faults.add({ method: "POST", pathPattern: /identity_mappings$/, latencyMs: 60_000 });
    for (const name of names("term-gone", 4)) world.createRepository(name);
    await until(
      "jobs are running",
      async () => (await jobs(replica)).some((s) => s.labels.state === "running" && s.value > 0),
      20_000,
    );

    // Redis goes away under the running jobs: the queue's hand-back can never be answered.
    await world.stopRedis();
    const signalled = Date.now();
    replica.signal("SIGTERM");
    const code = await replica.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(GRACE_MS + EXIT_SLACK_MS);
    expect(replica.logs.map((l) => l.msg)).toContainEqual(
      expect.stringMatching(/^could not hand running jobs back \(Redis does not answer\)/),
    );
  });
});
