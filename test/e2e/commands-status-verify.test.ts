/**
 * `status` describes the repository's mapping and onboarding PR as JFrog and GitHub hold them; `verify` says which
 * mapping would admit a token with given claims. Every `verify` here is cross-checked against the JFrog emulator's
 * real token exchange, with an ID token minted by the OIDC issuer for exactly the claims `verify` simulated: the
 * verdict, the mapping used and the token's scope must agree. A JFrog administrator's own mapping takes part in
 * both, and is never described in a reply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import {
  APP_BOT,
  comment,
  mappingsFor,
  reactionsOn,
  repliesTo,
  requestMark,
  requestsSince,
  testWorld,
} from "./helpers.js";

const CI_READERS = 'applied-permissions/groups:"ci-readers"';
/** A JFrog administrator's mapping, tried before the app's (priority 1 < 100): release branches of any repository. */
const RELEASE_TRAIN = {
  name: "release-train",
  description: "Release pipelines (set up by the JFrog admins)",
  priority: 1,
  claims: { repository_owner: "acme", ref: "refs/heads/release" },
  token_spec: { scope: 'applied-permissions/groups:"deployers"', expires_in: 600 },
};

let world: World;
beforeAll(async () => {
  world = await testWorld();
  world.github.createRepository({ owner: "acme", name: "web", files: { "package.json": "{}\n" } });
  await world.settle();
  await jfrogAdmin("POST", "/identity_mappings", RELEASE_TRAIN);
});
afterAll(() => world.close());

const web = () => world.github.repository("acme", "web");
const own = () => `gh-o${web().ownerId}-r${web().id}`;
const PR = { repo: "web", number: 1 };

/** A JFrog administrator at work on the integration's mappings (not the app). */
async function jfrogAdmin(method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${world.jfrog.url}/access/api/v1/oidc/github-acme${path}`, {
    method,
    headers: { authorization: `Bearer ${world.jfrogAdminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`JFrog admin ${method} ${path}: ${response.status} ${await response.text()}`);
}

/** The claims table of a `verify` reply (inside "Simulated token claims"). */
function simulatedClaims(reply: string): Record<string, string> {
  const section = reply.slice(reply.indexOf("<summary>Simulated token claims</summary>"));
  const rows = [...section.matchAll(/^\| `([^`]+)` \| `([^`]*)` \|$/gm)];
  if (rows.length === 0) throw new Error(`no simulated claims in:\n${reply}`);
  return Object.fromEntries(rows.map(([, name, value]) => [name ?? "", value ?? ""]));
}

/** `/jfrog-oidc verify <options>` by the org owner, then the real exchange for the claims it simulated. */
async function verifyAndExchange(options: string) {
  const id = await comment(world, PR, `/jfrog-oidc verify ${options}`.trim(), "octocat");
  const [reply = ""] = repliesTo(web(), id);
  const claims = simulatedClaims(reply);
  const token = await world.mintIdToken({ repo: "web", claims });
  const answer = await world.exchange(token);
  const body = answer.body as { access_token?: string; scope?: string; expires_in?: number };
  const used = body.access_token
    ? String((await world.jfrog.verifyAccessToken(body.access_token)).identity_mapping)
    : null;
  return {
    id,
    reply,
    claims,
    exchange: { status: answer.status, used, scope: body.scope, expiresIn: body.expires_in },
  };
}

describe("/jfrog-oidc status", () => {
  it("describes the mapping as JFrog holds it and the open onboarding PR, and writes nothing", async () => {
    const mark = requestMark(world);
    const id = await comment(world, PR, "/jfrog-oidc status", "octocat");

    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(web(), id)).toEqual([
      [
        "#### `/jfrog-oidc status`",
        "",
        "| what | state |",
        "| --- | --- |",
        "| Scope | ✅ in scope |",
        `| Identity mapping \`${own()}\` | ✅ present and as the org policy wants |`,
        `| Token it yields | scope \`${CI_READERS}\`, valid 900 s |`,
        "| Workflow | ⏳ onboarding PR #1 adds `.github/workflows/jfrog-oidc.yml` and is open |",
        "| JFrog integration | ✅ `github-acme` (audience `jfrog-github`) exists and matches the org policy |",
        "| Workflow audit | ✅ no findings in the default branch's workflows |",
        "| JFrog mappings tried first | ⚠️ 1 mapping this app does not manage admits this repository's tokens before its own (below) |",
        "",
        "**Mappings tried before this repository's own**: the first that matches decides what its workflows get. The app never edits a mapping it does not own; whoever runs your JFrog Platform can narrow or remove these (the org's rollout dashboard lists them for org owners).",
        "",
        "| mapping | tried | for which of this repository's tokens |",
        "| --- | --- | --- |",
        // The admins' release-train (priority 1) admits this repository's release-branch tokens: said, never named.
        "| a mapping not managed by this app | priority 1 | those matching its `ref` |",
        "",
        "Nothing is pending: the app's next run would change nothing.",
      ].join("\n"),
    ]);
    const { github, jfrog } = requestsSince(world, mark);
    expect(jfrog.filter((r) => !r.startsWith("GET "))).toEqual([]);
    expect(github.filter((r) => !r.startsWith("GET ") && !r.endsWith("/graphql"))).toEqual([
      `POST /repos/acme/web/issues/comments/${id}/reactions`,
      "POST /repos/acme/web/issues/1/comments",
    ]);
  });
});

describe("/jfrog-oidc verify agrees with JFrog's token exchange", () => {
  it("for the default branch: allowed by this repository's mapping, with the policy's scope", async () => {
    const { reply, claims, exchange } = await verifyAndExchange("");
    expect(reply).toContain(
      `✅ **Allowed.** JFrog would use this repository's mapping \`${own()}\` and issue a token with scope \`${CI_READERS}\`, valid for 900 seconds.`,
    );
    expect(claims).toMatchObject({
      ref: "refs/heads/main",
      repository: "acme/web",
      repository_id: String(web().id),
    });
    expect(exchange).toEqual({ status: 200, used: own(), scope: CI_READERS, expiresIn: 900 });
  });

  it("for refs/heads/feature: denied, naming the claim that differs", async () => {
    const { reply, exchange } = await verifyAndExchange("ref=refs/heads/feature");
    expect(reply).toContain(
      "⛔ **Denied.** No identity mapping of the integration `github-acme` matches these claims.",
    );
    expect(reply).toContain("| `ref` | `refs/heads/main` | `refs/heads/feature` |");
    expect(exchange).toMatchObject({ status: 401, used: null });
  });

  it("for a job in an environment on the default branch: allowed (the policy pins no environment)", async () => {
    const { reply, claims, exchange } = await verifyAndExchange("environment=production");
    expect(claims).toMatchObject({ environment: "production", sub: "repo:acme/web:environment:production" });
    expect(reply).toContain("✅ **Allowed.**");
    expect(exchange).toEqual({ status: 200, used: own(), scope: CI_READERS, expiresIn: 900 });
  });

  it("for refs/heads/release: allowed by the admins' earlier mapping, which the reply does not describe", async () => {
    const { reply, exchange } = await verifyAndExchange("ref=refs/heads/release");
    expect(reply).toContain("⚠️ **Allowed, but not by this repository's mapping.**");
    expect(reply).toContain("(priority 1) matches first");
    expect(reply).toContain("| a mapping not managed for this repository | 1 | ✅ matches: **used** |");
    expect(reply).not.toMatch(/release-train|deployers|JFrog admins/);
    expect(exchange).toEqual({
      status: 200,
      used: "release-train",
      scope: RELEASE_TRAIN.token_spec.scope,
      expiresIn: 600,
    });
  });
});

describe("when a JFrog administrator widens the app's mapping by hand", () => {
  beforeAll(async () => {
    const [mapping] = mappingsFor(world, web());
    if (!mapping) throw new Error("acme/web has no mapping");
    const { provider_name: _, ...body } = mapping;
    await jfrogAdmin("PUT", `/identity_mappings/${own()}`, {
      ...body,
      claims: { ...mapping.claims, ref: "refs/heads/*" },
      token_spec: { ...mapping.token_spec, expires_in: 3600 },
    });
  });

  it("status describes the drift field by field, and leaves it alone", async () => {
    const mark = requestMark(world);
    const id = await comment(world, PR, "/jfrog-oidc status", "octocat");
    const [reply] = repliesTo(web(), id);
    expect(reply).toContain(
      `| Identity mapping \`${own()}\` | ⚠️ present, but 2 fields differ from the org policy (below) |`,
    );
    expect(reply).toContain(`| Token it yields | scope \`${CI_READERS}\`, valid 3600 s |`);
    expect(reply).toContain(`<details><summary>How \`${own()}\` differs from the policy</summary>`);
    expect(reply).toContain('- `claims.ref: "refs/heads/*" → "refs/heads/main"`');
    expect(reply).toContain("- `token_spec.expires_in: 3600 → 900`");
    expect(requestsSince(world, mark).jfrog.filter((r) => !r.startsWith("GET "))).toEqual([]);
    expect(mappingsFor(world, web())[0]?.claims.ref).toBe("refs/heads/*");
  });

  it("verify reads the mapping as it is now: a feature branch is allowed, as the exchange confirms", async () => {
    const { reply, exchange } = await verifyAndExchange("ref=refs/heads/feature");
    expect(reply).toContain(`✅ **Allowed.** JFrog would use this repository's mapping \`${own()}\``);
    expect(reply).toContain("valid for 3600 seconds");
    expect(exchange).toEqual({ status: 200, used: own(), scope: CI_READERS, expiresIn: 3600 });
  });

  it("sync puts the policy back, and the feature branch is denied again by both", async () => {
    const id = await comment(world, PR, "/jfrog-oidc sync", "octocat");
    expect(repliesTo(web(), id)).toEqual([
      expect.stringContaining(
        `- ✅ correct the JFrog identity mapping \`${own()}\` (2 fields differ from the org policy)`,
      ),
    ]);
    expect(mappingsFor(world, web())).toEqual([
      expect.objectContaining({
        claims: expect.objectContaining({ ref: "refs/heads/main" }),
        token_spec: { scope: CI_READERS, expires_in: 900 },
      }),
    ]);
    const { reply, exchange } = await verifyAndExchange("ref=refs/heads/feature");
    expect(reply).toContain("⛔ **Denied.**");
    expect(exchange).toMatchObject({ status: 401, used: null });
  });
});

describe("once the onboarding PR is merged", () => {
  it("status shows the workflow on the default branch", async () => {
    world.github.mergePullRequest("acme", "web", 1);
    await world.settle();
    const id = await comment(world, PR, "/jfrog-oidc status", "octocat");
    expect(repliesTo(web(), id)[0]).toContain(
      "| Workflow | ✅ `.github/workflows/jfrog-oidc.yml` is on the default branch `main` |",
    );
  });
});
