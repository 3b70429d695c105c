/** A ready org for app tests: a `.github` repository holding the org policy, and a JFrog integration. */
import { stringify } from "yaml";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import { policyInput } from "../fixtures/policy.js";
import { fakeRepo } from "./fake-github.js";
import type { createHarness } from "./harness.js";

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export function seedOrg(h: Harness, policy: PolicyInput | string = policyInput()) {
  const text = typeof policy === "string" ? policy : stringify(policy);
  h.github.add(fakeRepo({ id: 1000, name: ".github", files: { ".github/jfrog-oidc.yml": text } }));
  h.jfrog.withIntegration();
}
