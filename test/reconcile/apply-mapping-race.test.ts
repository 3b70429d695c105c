/**
 * Two runs (or two replicas) create the same repository's mapping between observe and apply: JFrog answers the
 * second create with 409. Apply converges on the mapping the app owns, and says what it really did.
 */
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import type { IdentityMapping } from "../../src/jfrog/types.js";
import { type ApplyDeps, apply } from "../../src/reconcile/apply.js";
import { OWNERSHIP_MARKER } from "../../src/reconcile/desired-mapping.js";
import type { Plan } from "../../src/reconcile/plan.js";
import { API, jfrog, makeClient, wire } from "../jfrog/helpers.js";
import { quietLog, type RecordedLine } from "../support/quiet-log.js";

const MAPPINGS = `${API}/oidc/github-acme/identity_mappings`;
const desired: IdentityMapping = {
  name: "gh-o5-r74",
  description: `${OWNERSHIP_MARKER} GitHub Actions of acme/web (repository id 74)`,
  priority: 1,
  claims: {
    iss: "https://token.actions.githubusercontent.com",
    repository_id: "74",
    repository_owner_id: "5",
  },
  token_spec: { scope: "applied-permissions/groups:readers", expires_in: 900 },
};
/** What the client sends: the mapping, plus the provider its path routes on. */
const sent = wire({ ...desired, provider_name: "github-acme" });
const createPlan: Plan = {
  repository: "acme/web",
  state: "pending",
  inScope: true,
  notes: [],
  actions: [{ kind: "create-mapping", mapping: desired }],
};

function deps(lines: RecordedLine[]): ApplyDeps {
  return {
    octokit: new ProbotOctokit(),
    jfrog: makeClient().client,
    log: quietLog(lines),
    provider: "github-acme",
    scope: {},
    repo: { owner: "acme", repo: "web" },
    headSha: null,
  };
}

afterEach(() => {
  expect(nock.isDone()).toBe(true);
});

describe("apply: a mapping created by another run meanwhile", () => {
  it("updates the app's own mapping to the desired state and logs an update, not a create", async () => {
    jfrog("json")
      .post(MAPPINGS, sent)
      .reply(409, { errors: [{ code: "CONFLICT", message: "Identity mapping gh-o5-r74 already exists" }] });
    jfrog()
      .get(`${MAPPINGS}/gh-o5-r74`)
      .reply(200, { ...desired, priority: 2 });
    jfrog("json").put(`${MAPPINGS}/gh-o5-r74`, sent).reply(200, desired);
    const lines: RecordedLine[] = [];

    const done = await apply(deps(lines), createPlan);

    expect(done).toEqual(["updated JFrog identity mapping gh-o5-r74 (another run had just created it)"]);
    expect(lines.map((l) => l.message)).toEqual([
      "identity mapping already created by another run: updated to the desired state",
    ]);
  });

  it("leaves a mapping the app does not own alone: the conflict fails the job", async () => {
    jfrog("json")
      .post(MAPPINGS, sent)
      .reply(409, { errors: [{ code: "CONFLICT", message: "Identity mapping gh-o5-r74 already exists" }] });
    jfrog()
      .get(`${MAPPINGS}/gh-o5-r74`)
      .reply(200, { ...desired, description: "made by hand" });
    const lines: RecordedLine[] = [];

    await expect(apply(deps(lines), createPlan)).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(lines).toEqual([]);
  });
});
