/**
 * An org policy that lets the app create the JFrog integration (`provider.manage: create`), in an org whose JFrog
 * has none yet: `/jfrog-oidc status` plans the creation as a dry run, which must not count as done; the next real
 * run (`/jfrog-oidc setup`) still creates it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { comment, mappingsFor, testWorld } from "./helpers.js";

let world: World;
let issue: number;
beforeAll(async () => {
  world = await testWorld({
    policy: {
      ...defaultPolicy(),
      provider: { name: "github-acme", audience: "jfrog-github", manage: "create" },
    },
    beforeAppStarts: ({ jfrog }) => jfrog.reset(),
  });
  world.github.createRepository({
    owner: "acme",
    name: "web",
    files: { "package.json": "{}\n" },
    announce: false,
  });
  world.github.addCollaborator("acme", "web", "lead", "maintain");
  issue = world.github.openIssue("acme", "web", { title: "JFrog sign-in" }, "lead");
  await world.settle();
});
afterAll(() => world.close());

describe("a dry run that would create the integration", () => {
  it("does not count as verified: the next real run still creates it", async () => {
    expect(world.jfrog.state.integrations).toEqual([]);
    await comment(world, { repo: "web", number: issue }, "/jfrog-oidc status", "lead");
    expect(world.jfrog.state.integrations).toEqual([]);

    await comment(world, { repo: "web", number: issue }, "/jfrog-oidc setup", "lead");
    expect(world.jfrog.state.integrations.map((i) => i.name)).toEqual(["github-acme"]);
    expect(mappingsFor(world, world.github.repository("acme", "web"))).toHaveLength(1);
  });
});
