/**
 * apply(plan) on the emulated edges: JFrog first, then GitHub, so no PR ever points at a missing mapping; a JFrog
 * failure stops the plan before GitHub is written; a create that races another run converges on the app's own
 * mapping but never takes over a hand-made one; an opt-out is recorded before anything is removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRepoConfig } from "../../src/config/narrowing-guard.js";
import type { RepoFacts } from "../../src/github/repo-facts.js";
import { type ApplyDeps, apply, inApplyOrder } from "../../src/reconcile/apply.js";
import { desiredMapping, mappingName } from "../../src/reconcile/desired-mapping.js";
import { type Action, type Plan, plan } from "../../src/reconcile/plan.js";
import { policy } from "../fixtures/policy.js";
import { repoFacts } from "../fixtures/repo-facts.js";
import { quietLog } from "../support/quiet-log.js";
import { askedSince, type EmulatedOrg, emulatedOrg, ORG } from "./emulated-org.js";

const MAPPINGS = "/access/api/v1/oidc/github-acme/identity_mappings";

let edge: EmulatedOrg;
beforeAll(async () => {
  edge = await emulatedOrg();
});
afterAll(() => edge.close());

let repoCount = 0;
/** A new repository in the emulator, and the facts the app would observe of it. */
function newRepository(): RepoFacts {
  const name = `svc-${++repoCount}`;
  const made = edge.github.createRepository({
    owner: ORG,
    name,
    files: { "package.json": "{}\n", "README.md": `# ${name}\n` },
    announce: false,
  });
  return repoFacts({
    id: made.id,
    ownerId: made.ownerId,
    owner: ORG,
    name,
    fullName: made.fullName,
    defaultBranch: { name: "main", oid: made.branches.main ?? "" },
  });
}

function planFor(repo: RepoFacts): Plan {
  return plan({
    repo,
    config: applyRepoConfig(policy(), null, `${repo.fullName}:.github/jfrog-oidc.yml`),
    mapping: null,
    jfrogUrl: edge.jfrog.url,
  });
}

function deps(repo: RepoFacts, applied: Action["kind"][] = []): ApplyDeps {
  return {
    octokit: edge.octokit,
    jfrog: edge.client,
    log: quietLog(),
    provider: "github-acme",
    scope: {},
    repo: { owner: ORG, repo: repo.name },
    headSha: repo.defaultBranch?.oid ?? null,
    onApplied: (action) => void applied.push(action.kind),
  };
}

const mark = () => ({ github: edge.github.requests.length, jfrog: edge.jfrog.requests.length });
const mappingOf = (repo: RepoFacts) =>
  edge.jfrog.state.mappings.find((m) => m.name === mappingName(repo.ownerId, repo.id));

describe("a new repository's plan", () => {
  it("writes the mapping first, then the branch, commit and PR, whatever order the plan lists them in", async () => {
    const repo = newRepository();
    const planned = planFor(repo);
    const reversed = { ...planned, actions: [...planned.actions].reverse() };
    const applied: Action["kind"][] = [];
    const from = mark();

    expect(await apply(deps(repo, applied), reversed)).toEqual([
      `created JFrog identity mapping ${mappingName(repo.ownerId, repo.id)}`,
      "opened onboarding PR #1",
    ]);
    expect(applied).toEqual(["create-mapping", "open-pull-request"]);
    expect(mappingOf(repo)).toMatchObject(desiredMapping(repo, policy()));
    expect(edge.github.repository(ORG, repo.name).pulls).toEqual([
      expect.objectContaining({ number: 1, state: "open", head: "jfrog-oidc/onboarding" }),
    ]);
    const mappingWrite = edge.jfrog.requests.slice(from.jfrog).find((r) => r.method === "POST");
    const githubWrites = edge.github.requests.slice(from.github).filter((r) => r.method !== "GET");
    expect(githubWrites.length).toBeGreaterThan(0);
    for (const write of githubWrites)
      expect(write.at).toBeGreaterThan(mappingWrite?.at ?? Number.POSITIVE_INFINITY);
  });

  it("stops before any GitHub write when JFrog refuses the mapping, telling the caller nothing was applied", async () => {
    const repo = newRepository();
    const fault = edge.jfrog.faults.add({
      method: "POST",
      pathPattern: /\/identity_mappings$/,
      status: 503,
      times: 1,
    });
    const applied: Action["kind"][] = [];
    const from = mark();

    await expect(apply(deps(repo, applied), planFor(repo))).rejects.toThrow(/503/);
    expect(fault.hits).toBe(1);
    expect(applied).toEqual([]);
    expect(askedSince(edge.github, from.github)).toEqual([]);
    expect(edge.github.repository(ORG, repo.name).pulls).toEqual([]);
  });
});

describe("a mapping created meanwhile by another run", () => {
  it("is brought to the desired state when it is the app's own", async () => {
    const repo = newRepository();
    const desired = desiredMapping(repo, policy());
    await edge.client.createMapping("github-acme", { ...desired, priority: 7 });
    const from = mark();

    const [line] = await apply(deps(repo), {
      ...planFor(repo),
      actions: [{ kind: "create-mapping", mapping: desired }],
    });
    // Said as what happened: the mapping existed, so it was updated (not created) to the desired state.
    expect(line).toMatch(new RegExp(`^updated JFrog identity mapping ${desired.name}`));
    expect(askedSince(edge.jfrog, from.jfrog)).toEqual([
      `POST ${MAPPINGS}`,
      `GET ${MAPPINGS}/${desired.name}`,
      `PUT ${MAPPINGS}/${desired.name}`,
    ]);
    expect(edge.jfrog.requests.at(-1)?.body).toEqual({ ...desired, provider_name: "github-acme" });
    expect(mappingOf(repo)).toMatchObject({ priority: 100 });
  });

  it("is left alone, and the plan fails, when a person made it by hand", async () => {
    const repo = newRepository();
    const desired = desiredMapping(repo, policy());
    const handMade = { ...desired, description: "made by the JFrog admin", priority: 7 };
    await edge.client.createMapping("github-acme", handMade);

    await expect(
      apply(deps(repo), { ...planFor(repo), actions: [{ kind: "create-mapping", mapping: desired }] }),
    ).rejects.toThrow(/409|exists/i);
    expect(mappingOf(repo)).toMatchObject({ description: "made by the JFrog admin", priority: 7 });
  });
});

describe("an opt-out", () => {
  it("is recorded before the mapping is removed, so a failure half-way keeps the record", async () => {
    const repo = newRepository();
    const desired = desiredMapping(repo, policy());
    await edge.client.createMapping("github-acme", desired);
    const fault = edge.jfrog.faults.add({
      method: "DELETE",
      pathPattern: /\/identity_mappings\//,
      status: 503,
      times: 1,
    });
    const applied: Action["kind"][] = [];

    const actions: Action[] = [{ kind: "delete-mapping", name: desired.name }, { kind: "record-opt-out" }];
    await expect(apply(deps(repo, applied), { ...planFor(repo), actions })).rejects.toThrow(/503/);
    expect(fault.hits).toBe(1);
    expect(applied).toEqual(["record-opt-out"]);
    expect(edge.github.repository(ORG, repo.name).labels).toContain("jfrog-oidc: disabled");
    expect(mappingOf(repo)).toBeDefined();

    // The next run finishes the removal.
    await apply(deps(repo), { ...planFor(repo), actions: [{ kind: "delete-mapping", name: desired.name }] });
    expect(mappingOf(repo)).toBeUndefined();
  });
});

describe("config problems", () => {
  const problems = [
    { file: "acme/x:.github/jfrog-oidc.yml", field: "token", message: "may not widen the org policy" },
  ];

  it.each([
    ["refused", "neutral", "Some settings in .github/jfrog-oidc.yml were refused: the org policy applies"],
    [
      "invalid",
      "failure",
      ".github/jfrog-oidc.yml is invalid: nothing changes for this repository until it is fixed",
    ],
  ] as const)(
    "%s ones are reported as a %s check run on the default branch's head",
    async (severity, conclusion, title) => {
      const repo = newRepository();
      const done = await apply(deps(repo), {
        ...planFor(repo),
        actions: [{ kind: "report-config-problems", severity, problems }],
      });
      expect(done).toEqual(["reported 1 config problem(s)"]);
      expect(edge.github.repository(ORG, repo.name).checkRuns).toEqual([
        expect.objectContaining({
          name: "jfrog-oidc config",
          headSha: repo.defaultBranch?.oid,
          conclusion,
          title,
          summary: expect.stringContaining("may not widen the org policy"),
        }),
      ]);
    },
  );

  it("of an empty repository have no commit to go on: logged, and no check run", async () => {
    const repo = newRepository();
    const lines = quietLog();
    await apply(
      { ...deps(repo), headSha: null, log: lines },
      {
        ...planFor(repo),
        actions: [{ kind: "report-config-problems", severity: "invalid", problems }],
      },
    );
    expect(edge.github.repository(ORG, repo.name).checkRuns).toEqual([]);
    expect(lines.lines.map((l) => [l.level, l.message])).toEqual([["warn", "repository config problems"]]);
  });
});

describe("inApplyOrder", () => {
  it("puts the opt-out record first, then JFrog, then the rest of GitHub, keeping each group's order", () => {
    const actions: Action[] = [
      { kind: "clear-opt-out" },
      { kind: "delete-mapping", name: "b" },
      { kind: "record-opt-out" },
      { kind: "create-mapping", mapping: desiredMapping(repoFacts(), policy()) },
    ];
    expect(inApplyOrder(actions).map((a) => a.kind)).toEqual([
      "record-opt-out",
      "delete-mapping",
      "create-mapping",
      "clear-opt-out",
    ]);
  });
});
