/**
 * The org gate, on the emulated edges: no writes for an org until its policy loads and its JFrog integration
 * matches; a problem is reported once on the policy's latest commit (a failed check run) and in the log; a
 * verification is trusted for a while, but never for a job asked for after it.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { applyOrgPlan } from "../../src/reconcile/apply-org-plan.js";
import { type OrgGateDeps, OrgMemory, openOrgGate } from "../../src/reconcile/org-gate.js";
import { policyInput } from "../fixtures/policy.js";
import { quietLog, type RecordedLine } from "../support/quiet-log.js";
import { askedSince, type EmulatedOrg, emulatedOrg, ORG } from "./emulated-org.js";

const POLICY_PATH = ".github/jfrog-oidc.yml";
const TTL_MS = 10 * 60_000;

let edge: EmulatedOrg;
beforeAll(async () => {
  edge = await emulatedOrg();
});
afterAll(() => edge.close());

let now: number;
let lines: RecordedLine[];
let memory: OrgMemory;
beforeEach(() => {
  now = 1_000_000;
  lines = [];
  memory = new OrgMemory(TTL_MS, () => now);
});

const gate = (overrides: Partial<OrgGateDeps> = {}) =>
  openOrgGate(
    { octokit: edge.octokit, jfrog: edge.client, dryRun: false, log: quietLog(lines), memory, ...overrides },
    ORG,
  );

/** An org owner's push of the policy file (null deletes it); returns the commit. */
const pushPolicy = (text: string | null) =>
  edge.github.push({ owner: ORG, repo: ".github", files: { [POLICY_PATH]: text }, as: "octocat" });

const checkRuns = () => edge.github.repository(ORG, ".github").checkRuns;

describe("a valid policy and a matching integration", () => {
  beforeAll(() => void pushPolicy(stringify(policyInput())));

  it("open the gate with the parsed policy, having asked JFrog once", async () => {
    const from = edge.jfrog.requests.length;
    const opened = await gate();
    expect(opened).toMatchObject({
      open: true,
      policy: { provider: { name: "github-acme", audience: "jfrog-github" } },
    });
    expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-acme"]);
  });

  it("are trusted while the verification is fresh: no second question to JFrog", async () => {
    await gate();
    const from = edge.jfrog.requests.length;
    now += TTL_MS - 1;
    expect((await gate()).open).toBe(true);
    expect(askedSince(edge.jfrog, from)).toEqual([]);
  });

  it("are verified again once the verification expires", async () => {
    await gate();
    const from = edge.jfrog.requests.length;
    now += TTL_MS;
    expect((await gate()).open).toBe(true);
    expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-acme"]);
  });

  it("are verified again for a job asked for after the last verification", async () => {
    await gate();
    const from = edge.jfrog.requests.length;
    expect((await gate({ requestedAt: now + 1 })).open).toBe(true);
    expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-acme"]);
  });
});

describe("no policy", () => {
  it("closes the gate quietly: nothing to report, the org simply did not opt in", async () => {
    pushPolicy(null);
    const before = checkRuns().length;
    expect(await gate()).toEqual({
      open: false,
      why: "no-policy",
      file: `${ORG}/.github:${POLICY_PATH}`,
      reason: `no policy at ${ORG}/.github:${POLICY_PATH}`,
    });
    expect(checkRuns()).toHaveLength(before);
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ["info", "no org policy: the app does nothing in this organization"],
    ]);
  });
});

describe("an invalid policy", () => {
  let commit: string;
  beforeAll(() => {
    commit = pushPolicy("provider: 42\n");
  });

  it("closes the gate, fails a check run on the policy's latest commit, and logs an error", async () => {
    const before = checkRuns().length;
    expect(await gate()).toEqual({ open: false, why: "invalid-policy", reason: "the org policy is invalid" });
    expect(checkRuns().slice(before)).toEqual([
      expect.objectContaining({
        name: "jfrog-oidc config",
        headSha: commit,
        conclusion: "failure",
        title: "The JFrog OIDC org policy is invalid",
        summary: expect.stringContaining("provider"),
      }),
    ]);
    expect(lines.find((l) => l.level === "error")?.message).toBe(
      "The JFrog OIDC org policy is invalid: no writes for this organization until it is fixed",
    );
  });

  it("is reported once however many jobs meet it, and never in a dry run", async () => {
    const before = checkRuns().length;
    await gate({ dryRun: true });
    expect(checkRuns()).toHaveLength(before);
    await gate();
    await gate();
    expect(checkRuns()).toHaveLength(before + 1);
  });

  it("is reported again when it comes back after a fix", async () => {
    await gate();
    // Each push is followed by a job asked for after it (the push's own org scan), which never takes the
    // policy remembered from before the push.
    pushPolicy(stringify(policyInput()));
    expect((await gate({ requestedAt: ++now })).open).toBe(true);
    const broken = pushPolicy("provider: 42\n");
    const before = checkRuns().length;
    expect((await gate({ requestedAt: ++now })).open).toBe(false);
    expect(checkRuns().slice(before)).toEqual([
      expect.objectContaining({ headSha: broken, conclusion: "failure" }),
    ]);
  });
});

describe("an integration that does not match", () => {
  it("closes the gate and reports the mismatch on the policy's commit", async () => {
    const commit = pushPolicy(
      stringify(policyInput({ provider: { name: "github-acme", audience: "other" } })),
    );
    const before = checkRuns().length;
    expect(await gate()).toEqual({
      open: false,
      why: "integration-mismatch",
      reason: "the JFrog integration does not match the org policy",
      problems: [expect.stringContaining('has audience "jfrog-github", the policy says "other"')],
    });
    expect(checkRuns().slice(before)).toEqual([
      expect.objectContaining({
        headSha: commit,
        conclusion: "failure",
        title: "The JFrog OIDC integration does not match the org policy",
        summary: expect.stringContaining('has audience "jfrog-github"'),
      }),
    ]);
  });

  it("stops every write when JFrog cannot be read: the gate throws rather than opens", async () => {
    pushPolicy(stringify(policyInput()));
    const fault = edge.jfrog.faults.add({ pathPattern: /\/oidc\/github-acme$/, status: 503, times: 1 });
    await expect(gate()).rejects.toThrow(/503/);
    expect(fault.hits).toBe(1);
  });
});

describe("a managed integration that is missing", () => {
  beforeAll(() => {
    pushPolicy(
      stringify(
        policyInput({ provider: { name: "github-new", audience: "jfrog-github", manage: "create" } }),
      ),
    );
  });

  it("opens the gate with the create as the org plan's action, writing nothing, in a dry run or not", async () => {
    for (const dryRun of [true, false]) {
      const from = edge.jfrog.requests.length;
      const opened = await gate({ dryRun });
      expect(opened).toMatchObject({
        open: true,
        orgPlan: {
          state: "create-integration",
          actions: [{ kind: "create-integration", integration: { name: "github-new", organization: ORG } }],
        },
      });
      // Read each time: an integration still to be created is not remembered as verified.
      expect(askedSince(edge.jfrog, from)).toEqual(["GET /access/api/v1/oidc/github-new"]);
    }
    expect(edge.jfrog.state.integrations.map((i) => i.name)).not.toContain("github-new");
  });

  it("is trusted once the org plan is applied: created once, then no read for a while", async () => {
    const opened = await gate();
    if (!opened.open) throw new Error("the gate should be open");
    const from = edge.jfrog.requests.length;
    expect(
      await applyOrgPlan({ jfrog: edge.client, log: quietLog(lines), memory }, opened.orgPlan, opened.policy),
    ).toEqual(['created the JFrog OIDC integration "github-new"']);
    expect(askedSince(edge.jfrog, from)).toEqual(["POST /access/api/v1/oidc"]);
    const next = await gate();
    expect(next).toMatchObject({ open: true, orgPlan: { state: "integration-matches", actions: [] } });
    expect(askedSince(edge.jfrog, from)).toEqual(["POST /access/api/v1/oidc"]);
  });
});
