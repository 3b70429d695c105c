/** A ready org for app tests: a `.github` repository holding the org policy, and a JFrog integration. */
import { afterEach, beforeEach, expect } from "vitest";
import { stringify } from "yaml";
import type { PolicyInput } from "../../src/config/policy-schema.js";
import { policyInput } from "../fixtures/policy.js";
import { fakeRepo } from "./fake-github.js";
import { createHarness, type HarnessOptions } from "./harness.js";

export type Harness = Awaited<ReturnType<typeof createHarness>>;

export function seedOrg(h: Harness, policy: PolicyInput | string = policyInput()) {
  const text = typeof policy === "string" ? policy : stringify(policy);
  h.github.add(fakeRepo({ id: 1000, name: ".github", files: { ".github/jfrog-oidc.yml": text } }));
  h.jfrog.withIntegration();
}

/**
 * A fresh app per test, handed to `use` (seeded with the default org unless `seed: false`), and the checks every
 * app test ends with: no request the fakes did not expect, no GraphQL document GitHub would reject.
 */
export function useHarness(
  use: (h: Harness) => void,
  options: HarnessOptions & { seed?: boolean } = {},
): void {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await createHarness(options);
    if (options.seed !== false) seedOrg(current);
    use(current);
  });
  afterEach(() => {
    if (!current) return;
    expect(current.unmatched).toEqual([]);
    expect(current.github.graphqlErrors).toEqual([]);
    current.teardown();
  });
}
