/**
 * The org policy remembered between jobs (reconcile/org-gate.ts OrgMemory): a burst of jobs reads it once, but a
 * job asked for after it was read never uses it, nor does any job once it is older than its bound, and a policy
 * that failed to load is never remembered (the next job reads again: fail closed).
 */
import { describe, expect, it } from "vitest";
import { OrgMemory } from "../../src/reconcile/org-gate.js";
import { policy } from "../fixtures/policy.js";

const MINUTE = 60_000;
const FILE = "acme/.github:.github/jfrog-oidc.yml";

function memory() {
  const clock = { ms: 1_000_000 };
  const remembered = new OrgMemory(10 * MINUTE, () => clock.ms, 10 * MINUTE);
  return { clock, remembered };
}

describe("the remembered org policy", () => {
  it("serves later jobs of the org (any case of its name) until its bound, then not", () => {
    const { clock, remembered } = memory();
    const read = policy();
    remembered.rememberPolicy("acme", { status: "ok", file: FILE, policy: read, sources: [] }, clock.ms);
    clock.ms += 10 * MINUTE - 1;
    expect(remembered.cachedPolicy("ACME")?.policy).toBe(read);
    clock.ms += 1;
    expect(remembered.cachedPolicy("acme")).toBeUndefined();
  });

  it("is not used by a job asked for after the read began (a push of the policy, a command, a new repository)", () => {
    const { clock, remembered } = memory();
    const readAt = clock.ms;
    clock.ms += 5;
    remembered.rememberPolicy("acme", { status: "ok", file: FILE, policy: policy(), sources: [] }, readAt);
    expect(remembered.cachedPolicy("acme", readAt - 1)).toBeDefined();
    expect(remembered.cachedPolicy("acme", readAt)).toBeUndefined();
    expect(remembered.cachedPolicy("acme", readAt + 1)).toBeUndefined();
  });

  it("is forgotten when the policy is read again and found invalid or missing", () => {
    const { clock, remembered } = memory();
    remembered.rememberPolicy("acme", { status: "ok", file: FILE, policy: policy(), sources: [] }, clock.ms);
    remembered.rememberPolicy(
      "acme",
      {
        status: "invalid",
        file: FILE,
        problems: [{ file: FILE, field: "provider", message: "required" }],
        sources: [],
      },
      clock.ms,
    );
    expect(remembered.cachedPolicy("acme")).toBeUndefined();
    remembered.rememberPolicy("acme", { status: "ok", file: FILE, policy: policy(), sources: [] }, clock.ms);
    remembered.rememberPolicy("acme", { status: "missing", file: FILE }, clock.ms);
    expect(remembered.cachedPolicy("acme")).toBeUndefined();
  });
});
