/**
 * apply(org plan) on the JFrog emulator: the create is made once, with the planned fields, and the integration is
 * then trusted for the org; a create another run made meanwhile is accepted when it is what the plan wanted, and
 * refused (the job fails, nothing is trusted) when it is not; a JFrog failure throws.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyOrgPlan } from "../../src/reconcile/apply-org-plan.js";
import { OrgMemory } from "../../src/reconcile/org-gate.js";
import { planOrg } from "../../src/reconcile/org-plan.js";
import { policy } from "../fixtures/policy.js";
import { quietLog, type RecordedLine } from "../support/quiet-log.js";
import { askedSince, type EmulatedOrg, emulatedOrg, ORG } from "./emulated-org.js";

let edge: EmulatedOrg;
beforeAll(async () => {
  edge = await emulatedOrg();
});
afterAll(() => edge.close());

let lines: RecordedLine[];
let memory: OrgMemory;
beforeEach(() => {
  lines = [];
  memory = new OrgMemory();
});

const managed = (name: string, audience = "jfrog-github") =>
  policy({ provider: { name, audience, manage: "create" } });
const deps = () => ({ jfrog: edge.client, log: quietLog(lines), memory });

describe("applyOrgPlan", () => {
  it("creates the planned integration once, exactly as planned, and trusts it for the org", async () => {
    const wanted = managed("github-made");
    const planned = planOrg({ org: ORG, policy: wanted, integration: null });
    const from = edge.jfrog.requests.length;
    expect(await applyOrgPlan(deps(), planned, wanted)).toEqual([
      'created the JFrog OIDC integration "github-made"',
    ]);
    const sent = edge.jfrog.requests.slice(from);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /access/api/v1/oidc"]);
    expect(sent[0]?.body).toEqual(planned.actions[0]?.integration);
    expect(memory.isIntegrationVerified(ORG, wanted)).toBe(true);
    expect(lines.map((l) => l.message)).toEqual(["JFrog OIDC integration created"]);
  });

  it("writes nothing and trusts nothing new for a plan without actions", async () => {
    const wanted = managed("github-acme");
    const from = edge.jfrog.requests.length;
    const planned = planOrg({ org: ORG, policy: wanted, integration: edge.integration });
    expect(await applyOrgPlan(deps(), planned, wanted)).toEqual([]);
    expect(askedSince(edge.jfrog, from)).toEqual([]);
    expect(memory.isIntegrationVerified(ORG, wanted)).toBe(false);
  });

  it("accepts an identical integration another run created between the read and the create", async () => {
    const wanted = managed("github-raced");
    const planned = planOrg({ org: ORG, policy: wanted, integration: null });
    await applyOrgPlan({ ...deps(), memory: new OrgMemory() }, planned, wanted);
    const from = edge.jfrog.requests.length;
    expect(await applyOrgPlan(deps(), planned, wanted)).toEqual([
      'the JFrog OIDC integration "github-raced" was created by another run meanwhile',
    ]);
    expect(askedSince(edge.jfrog, from)).toEqual([
      "POST /access/api/v1/oidc",
      "GET /access/api/v1/oidc/github-raced",
    ]);
    expect(memory.isIntegrationVerified(ORG, wanted)).toBe(true);
  });

  it("fails, trusting nothing, when the integration another run created differs from the plan", async () => {
    const theirs = managed("github-other", "their-audience");
    await applyOrgPlan(deps(), planOrg({ org: ORG, policy: theirs, integration: null }), theirs);
    const wanted = managed("github-other");
    const planned = planOrg({ org: ORG, policy: wanted, integration: null });
    await expect(applyOrgPlan(deps(), planned, wanted)).rejects.toThrow(/409|already exists/);
    expect(memory.isIntegrationVerified(ORG, wanted)).toBe(false);
  });

  it("fails when JFrog cannot take the create, trusting nothing", async () => {
    const wanted = managed("github-down");
    const fault = edge.jfrog.faults.add({ pathPattern: /\/oidc$/, status: 503, times: 1 });
    await expect(
      applyOrgPlan(deps(), planOrg({ org: ORG, policy: wanted, integration: null }), wanted),
    ).rejects.toThrow(/503/);
    expect(fault.hits).toBe(1);
    expect(memory.isIntegrationVerified(ORG, wanted)).toBe(false);
    expect(edge.jfrog.state.integrations.map((i) => i.name)).not.toContain("github-down");
  });
});
