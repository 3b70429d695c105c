/**
 * A policy with a JFrog project: the mapping lives in the project's partition (`?project_key=`), the workflow sends
 * JF_PROJECT, and an opt-out removes the app's mapping from the project AND from the global partition (where an
 * earlier groups-scoped policy left it), never a global one of the same name that a person made.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, type World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { bodiesSent, ONBOARDING_BRANCH, testWorld, WORKFLOW_PATH } from "./helpers.js";
import { jfrogAdmin } from "./jfrog-admin.js";

const CONFIG = ".github/jfrog-oidc.yml";

let world: World;
beforeAll(async () => {
  world = await testWorld({
    secrets: { privateKey: appKeyPair().privateKey },
    policy: {
      ...defaultPolicy(),
      projectKey: "acme",
      token: { scope: "roles", roles: ["Developer"], username: "ci" },
    },
  });
});
afterAll(() => world.close());

async function onboarded(name: string) {
  world.github.createRepository({ owner: "acme", name, files: { "package.json": "{}\n" } });
  await world.settle();
  const repo = world.github.repository("acme", name);
  return { repo, mapping: `gh-o${repo.ownerId}-r${repo.id}` };
}

/** The mappings of that name in the project's partition and in the global one. */
const partitions = (name: string) => {
  const named = world.jfrog.state.mappings.filter((m) => m.name === name);
  return {
    project: named.filter((m) => m.project_key === "acme"),
    global: named.filter((m) => m.project_key === undefined),
  };
};

async function optOut(name: string) {
  world.github.push({ owner: "acme", repo: name, files: { [CONFIG]: "enabled: false\n" }, as: "octocat" });
  await world.settle();
}

describe("a policy with a JFrog project", () => {
  it("puts the mapping in the project and has the workflow send JF_PROJECT", async () => {
    const from = world.jfrog.requests.length;
    const { repo, mapping } = await onboarded("app");

    const created = world.jfrog.requests
      .slice(from)
      .filter((r) => r.method === "POST" && r.path.endsWith("/identity_mappings"));
    expect(created.map((r) => r.query)).toEqual([{ project_key: "acme" }]);
    expect(
      bodiesSent(world, "jfrog", "POST /access/api/v1/oidc/github-acme/identity_mappings", {
        github: 0,
        jfrog: from,
      }),
    ).toEqual([
      expect.objectContaining({
        name: mapping,
        token_spec: expect.objectContaining({ scope: 'applied-permissions/roles:acme:"Developer"' }),
      }),
    ]);
    const { project, global } = partitions(mapping);
    expect(project.map((m) => m.token_spec.scope)).toEqual(['applied-permissions/roles:acme:"Developer"']);
    expect(global).toEqual([]);
    expect(repo.files(ONBOARDING_BRANCH)[WORKFLOW_PATH]).toMatch(/^ {6}JF_PROJECT: acme$/m);
  });

  it("deletes the app's mapping from the project AND the global partition before calling it done", async () => {
    const { mapping } = await onboarded("leaver");
    const [inProject] = partitions(mapping).project;
    if (!inProject) throw new Error("no mapping in the project");
    // Left global by an earlier policy with a groups scope: JFrog ignored the project key for it.
    const { project_key: _project, provider_name: _provider, ...leftGlobal } = inProject;
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", {
      ...leftGlobal,
      token_spec: { scope: 'applied-permissions/groups:"x"' },
    });
    expect(partitions(mapping).global).toHaveLength(1);

    await optOut("leaver");
    expect(partitions(mapping)).toEqual({ project: [], global: [] });
  });

  it("leaves a global mapping of the same name that it does not own", async () => {
    const { mapping } = await onboarded("keeper");
    const handMade = {
      name: mapping,
      description: "made by hand",
      priority: 1,
      claims: { repository: "acme/keeper" },
      token_spec: { scope: "applied-permissions/groups:readers" },
    };
    await jfrogAdmin(world, "POST", "/github-acme/identity_mappings", handMade);

    await optOut("keeper");
    const { project, global } = partitions(mapping);
    expect(project).toEqual([]);
    expect(global).toEqual([expect.objectContaining(handMade)]);
  });
});
