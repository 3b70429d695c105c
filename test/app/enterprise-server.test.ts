import { describe, expect, it } from "vitest";
import { fakeRepo } from "./fake-github.js";
import { repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

const GHES_ISSUER = "https://github.acme.com/_services/token";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false, githubIssuer: GHES_ISSUER },
);

describe("on GitHub Enterprise Server (GHE_HOST)", () => {
  it("the policy's issuer defaults to the server's, so its integration verifies and mappings pin it", async () => {
    seedOrg(h);
    h.jfrog.withIntegration({ issuer_url: GHES_ISSUER, provider_type: "GitHub Enterprise" });
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect([...h.jfrog.mappings.values()][0]?.claims.iss).toBe(GHES_ISSUER);
    expect(repo.pulls).toHaveLength(1);
  });
});
