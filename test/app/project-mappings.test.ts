import { describe, expect, it } from "vitest";
import { policyInput } from "../fixtures/policy.js";
import { fakeRepo } from "./fake-github.js";
import { push, repositoryCreated } from "./harness.js";
import { type Harness, seedOrg, useHarness } from "./world.js";

let h: Harness;
useHarness(
  (created) => {
    h = created;
  },
  { seed: false },
);

const MAPPING = "gh-o38302899-r186853261";
const CONFIG = ".github/jfrog-oidc.yml";

describe("a policy with a JFrog project", () => {
  const projectPolicy = () =>
    policyInput({ projectKey: "acme", token: { scope: "roles", roles: ["Developer"], username: "ci" } });

  it("puts the mapping in the project and has the workflow send JF_PROJECT", async () => {
    seedOrg(h, projectPolicy());
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    expect(h.jfrog.inProject("acme").get(MAPPING)?.token_spec.scope).toBe(
      'applied-permissions/roles:acme:"Developer"',
    );
    expect(h.jfrog.mappings.size).toBe(0);
    const workflow = repo.branches.get("jfrog-oidc/onboarding")?.files[".github/workflows/jfrog-oidc.yml"];
    expect(workflow).toMatch(/^ {6}JF_PROJECT: acme$/m);
  });

  it("deletes the app's mapping from the project AND the global partition before calling it done", async () => {
    seedOrg(h, projectPolicy());
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    const projectMapping = h.jfrog.inProject("acme").get(MAPPING);
    if (!projectMapping) throw new Error("no mapping");
    // Left global by an earlier policy with a groups scope: JFrog ignored the project key for it.
    h.jfrog.mappings.set(MAPPING, {
      ...projectMapping,
      token_spec: { scope: 'applied-permissions/groups:"x"' },
    });

    const head = repo.branches.get("master");
    if (head) head.files[CONFIG] = "enabled: false\n";
    await h.deliver(push(repo, { files: [CONFIG] }));

    expect(h.jfrog.inProject("acme").size).toBe(0);
    expect(h.jfrog.mappings.size).toBe(0);
  });

  it("leaves a global mapping of the same name that it does not own", async () => {
    seedOrg(h, projectPolicy());
    const repo = h.github.add(fakeRepo());
    await h.deliver(repositoryCreated(repo));
    const handMade = { name: MAPPING, description: "made by hand", claims: {}, token_spec: {} };
    h.jfrog.mappings.set(MAPPING, handMade);
    const head = repo.branches.get("master");
    if (head) head.files[CONFIG] = "enabled: false\n";
    await h.deliver(push(repo, { files: [CONFIG] }));
    expect(h.jfrog.inProject("acme").size).toBe(0);
    expect(h.jfrog.mappings.get(MAPPING)).toEqual(handMade);
  });
});
