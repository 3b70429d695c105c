/**
 * Nothing is lost: GitHub and JFrog are the sources of truth, so the sweep re-observes them and queues whatever is
 * not in its desired state (work lost in a restart, a repository created while the app was down, a job given up);
 * failed webhook deliveries are asked for again at start-up; a rate limit or a JFrog outage only delays.
 */
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/rollout/clock.js";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { mappingsFor, testWorld } from "./helpers.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const consenting = { ...defaultPolicy(), rollout: { existing: true } };
const state = (w: World, name: string) => {
  const repo = w.github.repository("acme", name);
  return { mappings: mappingsFor(w, repo).length, pulls: repo.pulls.length };
};

describe("the sweep", () => {
  it("onboards repositories created while the app was down, and a second sweep writes nothing", async () => {
    const w = await testWorld({ policy: consenting });
    world = w;
    // Created with no webhook reaching the app: as if it was down (or its queue lost in a restart).
    for (const name of ["svc-a", "svc-b"])
      w.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" }, announce: false });
    await w.app.composed.lifecycle.sweep();
    await w.settle();
    expect(state(w, "svc-a")).toEqual({ mappings: 1, pulls: 1 });
    expect(state(w, "svc-b")).toEqual({ mappings: 1, pulls: 1 });

    const contentWrites = () =>
      Object.fromEntries(Object.entries(w.github.usage()).map(([repo, u]) => [repo, u.contentRequests]));
    const usage = contentWrites();
    const mappingWrites = w.jfrog.requests.filter((r) => r.method !== "GET").length;
    await w.app.composed.lifecycle.sweep();
    await w.settle();
    expect(contentWrites()).toEqual(usage);
    expect(w.jfrog.requests.filter((r) => r.method !== "GET").length).toBe(mappingWrites);
  });

  it("picks up a repository whose job was given up, once the outage is over, and clears its failure", async () => {
    const clock = new VirtualClock();
    const w = await testWorld({ policy: consenting, clock, now: clock.date, retryDelaysMs: [] });
    world = w;
    const outage = w.jfrog.faults.add({ pathPattern: /identity_mappings/, method: "POST", status: 500 });
    w.github.createRepository({ owner: "acme", name: "flaky", files: { "package.json": "{}\n" } });
    await w.settle();
    expect(outage.hits).toBeGreaterThan(0);
    expect(state(w, "flaky")).toEqual({ mappings: 0, pulls: 0 });
    expect(w.app.composed.failures.list()).toEqual([
      expect.objectContaining({
        job: expect.objectContaining({ repository: expect.objectContaining({ name: "flaky" }) }),
      }),
    ]);

    outage.remove();
    await w.app.composed.lifecycle.sweep();
    await w.settle();
    expect(state(w, "flaky")).toEqual({ mappings: 1, pulls: 1 });
    expect(w.app.composed.failures.list()).toEqual([]);
  });
});

describe("a job given up during an outage", () => {
  it("is picked up by a sweep half an hour later, not at the next 6-hourly one", async () => {
    const clock = new VirtualClock();
    const w = await testWorld({
      policy: consenting,
      clock,
      now: clock.date,
      retryDelaysMs: [],
      background: { startupChecks: true, sweep: true },
    });
    world = w;
    await w.app.composed.lifecycle.checking; // ready, and the start-up sweep queued
    await w.settle();
    const outage = w.jfrog.faults.add({ pathPattern: /identity_mappings/, method: "POST", status: 500 });
    w.github.createRepository({ owner: "acme", name: "unlucky", files: { "package.json": "{}\n" } });
    await w.settle();
    expect(w.app.composed.failures.list()).toHaveLength(1);

    outage.remove();
    clock.advance(29 * 60_000);
    await w.settle();
    expect(state(w, "unlucky")).toEqual({ mappings: 0, pulls: 0 });
    clock.advance(60_000);
    await w.app.composed.lifecycle.checking; // the sweep after the give-up
    await w.settle();
    expect(state(w, "unlucky")).toEqual({ mappings: 1, pulls: 1 });
    expect(w.app.composed.failures.list()).toEqual([]);
  });
});

describe("a restart in the middle of a rollout", () => {
  it("loses the queue, and the new process's start-up sweep finishes the rollout with no duplicate branch or PR", async () => {
    const clock = new VirtualClock();
    const names = Array.from({ length: 12 }, (_, i) => `svc-${i}`);
    const w = await testWorld({
      policy: consenting,
      clock,
      now: clock.date,
      // A slow budget, so the rollout is still going when the process stops: 7 repositories an hour.
      budgetLimits: { perMinute: 10, perHour: 40, headroomPerMinute: 2, headroomPerHour: 5 },
      existingRepositories: names.map((name) => ({ name })),
    });
    world = w;
    const runUntil = async (endMs: number) => {
      for (;;) {
        await w.settle();
        const next = clock.nextDueMs();
        if (next === undefined || next > endMs) break;
        clock.advanceTo(next);
      }
    };
    await w.app.composed.lifecycle.sweep();
    await runUntil(clock.now() + 3_600_000);
    const before = names.filter((n) => state(w, n).pulls === 1).length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(names.length);

    await w.restartApp({ startupChecks: true, redeliver: true, sweep: true });
    await runUntil(Number.POSITIVE_INFINITY);

    for (const name of names) {
      const repo = w.github.repository("acme", name);
      expect({ name, ...state(w, name), branches: Object.keys(repo.branches).sort() }).toEqual({
        name,
        mappings: 1,
        pulls: 1,
        branches: ["jfrog-oidc/onboarding", "main"],
      });
    }
    // Each repository's five writes (branch, commit, PR, labels, reviewers) were made once.
    const writes = Object.entries(w.github.usage()).filter(([repo]) => repo.startsWith("acme/svc-"));
    expect(writes.map(([, u]) => u.contentRequests)).toEqual(names.map(() => 5));
  });
});

describe("failed webhook deliveries", () => {
  it("are redelivered at start-up, and the work they carried is done", async () => {
    const w = await testWorld();
    world = w;
    const target = w.github.webhooks.target;
    w.github.webhooks.target = undefined; // the app is unreachable
    w.github.createRepository({ owner: "acme", name: "missed", files: { "package.json": "{}\n" } });
    await w.github.webhooks.idle();
    expect(w.github.webhooks.deliveries.at(-1)).toMatchObject({ status: "failed to connect to host" });
    expect(state(w, "missed")).toEqual({ mappings: 0, pulls: 0 });

    w.github.webhooks.target = target; // the app is back
    expect(await w.app.composed.lifecycle.redeliver()).toBe(1);
    await w.settle();
    expect(state(w, "missed")).toEqual({ mappings: 1, pulls: 1 });
    // Asked once: a second start-up finds the redelivery succeeded and asks for nothing.
    expect(await w.app.composed.lifecycle.redeliver()).toBe(0);
  });
});

describe("start-up", () => {
  it("with JFrog down: the app starts not ready, retries on its clock, then works (sweep included)", async () => {
    const clock = new VirtualClock();
    const w = await testWorld({
      policy: consenting,
      clock,
      now: clock.date,
      existingRepositories: [{ name: "before" }],
      background: { startupChecks: true, redeliver: true, sweep: true },
      beforeAppStarts: ({ jfrog }) => void jfrog.faults.add({ pathPattern: /^\/access\//, status: 503 }),
    });
    world = w;
    await w.app.composed.lifecycle.checking;
    expect(w.app.composed.readiness()).toEqual({
      ready: false,
      reason: expect.stringMatching(/^not ready: .*503/),
    });
    expect(state(w, "before")).toEqual({ mappings: 0, pulls: 0 });

    clock.advance(30_000); // still down
    await w.app.composed.lifecycle.checking;
    expect(w.app.composed.readiness().ready).toBe(false);

    w.jfrog.faults.clear();
    clock.advance(30_000);
    await w.app.composed.lifecycle.checking; // ready, then the start-up redelivery and sweep
    expect(w.app.composed.readiness()).toEqual({ ready: true });
    await w.settle();
    expect(state(w, "before")).toEqual({ mappings: 1, pulls: 1 });
  });
});

describe("shutdown", () => {
  it("stops taking work and lets the running job finish", async () => {
    const w = await testWorld();
    world = w;
    w.github.createRepository({ owner: "acme", name: "late", files: { "package.json": "{}\n" } });
    await w.github.webhooks.idle(); // delivered: its job is queued or running
    await w.app.composed.shutdown(25_000);
    expect(state(w, "late")).toEqual({ mappings: 1, pulls: 1 });

    w.github.createRepository({ owner: "acme", name: "after", files: { "package.json": "{}\n" } });
    await w.github.webhooks.idle();
    expect(state(w, "after")).toEqual({ mappings: 0, pulls: 0 });
    expect(w.app.composed.readiness()).toEqual({ ready: false, reason: "shutting down" });
  });
});
