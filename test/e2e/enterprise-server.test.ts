/**
 * On GitHub Enterprise Server (GHE_HOST), the workflows' tokens come from the server's own issuer: the policy's
 * issuer defaults to it, so the integration the JFrog admin made for that issuer verifies and mappings pin it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { mappingsFor, testWorld } from "./helpers.js";
import { jfrogAdmin } from "./jfrog-admin.js";

const GHES_ISSUER = "https://github.acme.com/_services/token";

let world: World;
beforeAll(async () => {
  world = await testWorld({ secrets: { privateKey: appKeyPair().privateKey }, githubIssuer: GHES_ISSUER });
  await jfrogAdmin(world, "PUT", "/github-acme", {
    name: "github-acme",
    issuer_url: GHES_ISSUER,
    provider_type: "GitHub Enterprise",
    audience: "jfrog-github",
    organization: "acme",
  });
});
afterAll(() => world.close());

it("the policy's issuer defaults to the server's, so its integration verifies and mappings pin it", async () => {
  world.github.createRepository({ owner: "acme", name: "app", files: { "package.json": "{}\n" } });
  await world.settle();
  const repo = world.github.repository("acme", "app");
  expect(mappingsFor(world, repo).map((m) => m.claims.iss)).toEqual([GHES_ISSUER]);
  expect(repo.pulls).toHaveLength(1);
});
