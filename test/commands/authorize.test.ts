/**
 * Who may run what, asked of GitHub (the emulator) at the time of the command: the role on the repository for
 * repository commands, org ownership (in the org's `.github` repository only) for org commands.
 */
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authorizer, type Place } from "../../src/github/authorize.js";
import {
  type GitHubEmulator,
  type Permissions,
  startGitHubEmulator,
} from "../../src/sandbox/github/index.js";
import { appKeyPair } from "../support/app-key.js";

const APP_PERMISSIONS: Permissions = { metadata: "read", issues: "write", members: "read" };
const WEB: Place = { owner: "acme", ownerType: "Organization", repo: "web" };
const DOT_GITHUB: Place = { ...WEB, repo: ".github" };

let github: GitHubEmulator;
let octokit: ProbotOctokit;
/** The same org, installed without the `members: read` organization permission. */
let withoutMembers: ProbotOctokit;

const client = (token: string) =>
  new ProbotOctokit({
    auth: { token },
    baseUrl: github.apiUrl,
    retry: { enabled: false },
    throttle: { enabled: false },
  });

beforeAll(async () => {
  github = await startGitHubEmulator();
  const { publicKey } = appKeyPair();
  github.registerApp({
    id: 7,
    slug: "jfrog-oidc-rollout",
    publicKey,
    permissions: APP_PERMISSIONS,
    events: [],
  });
  github.createOrg("acme", { admins: ["octocat"], members: ["mona"] });
  github.createOrg("lean", { admins: ["octocat"] });
  for (const org of ["acme", "lean"]) {
    github.createRepository({ owner: org, name: "web", files: { "README.md": "# web\n" }, announce: false });
    github.createRepository({ owner: org, name: ".github", files: { "README.md": "#\n" }, announce: false });
  }
  for (const [login, role] of [
    ["boss", "admin"],
    ["lead", "maintain"],
    ["dev", "write"],
    ["triager", "triage"],
    ["reader", "read"],
  ] as const)
    github.addCollaborator("acme", "web", login, role);
  github.addUser("eve");
  octokit = client(github.installationToken(github.install("acme").id));
  withoutMembers = client(
    github.installationToken(github.install("lean", { permissions: { metadata: "read" } }).id),
  );
});
afterAll(() => github.close());

/** What the authorizer asked GitHub while `run` ran, as `METHOD path`. */
async function asked<T>(run: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const before = github.requests.length;
  const result = await run();
  const requests = github.requests
    .slice(before)
    .map((r) => `${r.method} ${r.path.replace(/^\/api\/v3/, "")}`);
  return { result, requests };
}

describe("repository commands", () => {
  it.each(["boss", "lead", "octocat"])("%s (admin, maintain, org owner) may run them", async (login) => {
    expect(await new Authorizer(octokit, WEB, login).check("repository")).toEqual({ allowed: true });
  });

  it.each([
    ["dev", "your role is `write`"],
    ["triager", "your role is `triage`"],
    ["reader", "your role is `read`"],
    ["mona", "your role is `read`"], // an org member without a role here: the org's base role
    ["eve", "your role is `none`"],
    ["nobody-by-this-name", "you are not a collaborator"], // GitHub answers 404
  ])("%s may not, and is told the role they have", async (login, yours) => {
    expect(await new Authorizer(octokit, WEB, login).check("repository")).toEqual({
      allowed: false,
      reason: `this command needs the **maintain** or **admin** role on \`acme/web\`; ${yours}.`,
    });
  });

  it("asks GitHub once per comment, however many commands need the role; `anyone` asks nothing", async () => {
    const authorizer = new Authorizer(octokit, WEB, "lead");
    const { requests } = await asked(async () => {
      await authorizer.check("anyone");
      await authorizer.check("repository");
      await authorizer.check("repository");
    });
    expect(requests).toEqual(["GET /repos/acme/web/collaborators/lead/permission"]);
  });

  it("fails when GitHub cannot answer, rather than guess a role", async () => {
    const fault = github.faults.add({
      pathPattern: /\/collaborators\/lead\/permission$/,
      status: 502,
      times: 1,
    });
    await expect(new Authorizer(octokit, WEB, "lead").check("repository")).rejects.toMatchObject({
      status: 502,
    });
    expect(fault.hits).toBe(1);
  });
});

describe("a custom repository role", () => {
  // The emulator models GitHub's five built-in roles only; this answer is GitHub's documented shape for a custom
  // role whose base is `maintain` (`permission` is the legacy `write`, `role_name` the custom role's name):
  // https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
  it("is refused, even when based on maintain (fail closed: the app cannot tell what it grants)", async () => {
    nock("https://api.github.com")
      .get("/repos/acme/web/collaborators/auditor/permission")
      .reply(200, { permission: "write", role_name: "security-auditor", user: { login: "auditor" } });
    const atGitHub = new ProbotOctokit({
      auth: { token: "t" },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    expect(await new Authorizer(atGitHub, WEB, "auditor").check("repository")).toEqual({
      allowed: false,
      reason:
        "this command needs the **maintain** or **admin** role on `acme/web`; your role is `security-auditor`.",
    });
    expect(nock.isDone()).toBe(true);
  });
});

describe("org commands", () => {
  it("are refused outside the org's .github repository without asking anything", async () => {
    const { result, requests } = await asked(() => new Authorizer(octokit, WEB, "octocat").check("org"));
    expect(result).toEqual({
      allowed: false,
      reason: "org-level commands run only in the organization's `acme/.github` repository.",
    });
    expect(requests).toEqual([]);
  });

  it("are allowed to an org owner in the .github repository", async () => {
    const { result, requests } = await asked(() =>
      new Authorizer(octokit, DOT_GITHUB, "octocat").check("org"),
    );
    expect(result).toEqual({ allowed: true });
    expect(requests).toEqual(["GET /orgs/acme/memberships/octocat"]);
  });

  it.each([
    ["mona", "your membership role is `member`"],
    ["boss", "you are not a member"], // admin on a repository, but not in the org
  ])("are refused to %s: %s", async (login, why) => {
    expect(await new Authorizer(octokit, DOT_GITHUB, login).check("org")).toEqual({
      allowed: false,
      reason: `this command needs the **owner** role in the \`acme\` organization; ${why}.`,
    });
  });

  it("say what to grant when the installation may not read memberships", async () => {
    const place: Place = { owner: "lean", ownerType: "Organization", repo: ".github" };
    expect(await new Authorizer(withoutMembers, place, "octocat").check("org")).toEqual({
      allowed: false,
      reason:
        "this command needs the **owner** role in the `lean` organization; the app could not check (it needs the `members: read` organization permission; an org owner can accept it in the installation settings).",
    });
  });

  it("on a personal account are its owner's alone, without asking GitHub", async () => {
    const personal: Place = { owner: "octocat", ownerType: "User", repo: ".github" };
    const { result, requests } = await asked(async () => [
      await new Authorizer(octokit, personal, "OctoCat").check("org"),
      await new Authorizer(octokit, personal, "mona").check("org"),
    ]);
    expect(result).toEqual([
      { allowed: true },
      {
        allowed: false,
        reason:
          "this command needs the **owner** role in the `octocat` organization; on a personal account only its owner has it.",
      },
    ]);
    expect(requests).toEqual([]);
  });
});
