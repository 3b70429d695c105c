/**
 * `/jfrog-oidc disable` takes a repository out of the rollout and keeps it out (the opt-out label on the repository,
 * no mapping, the onboarding PR closed) whatever happens next, until `/jfrog-oidc setup` brings it all back.
 * Another onboarded repository is never touched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import {
  APP_BOT,
  comment,
  mappingsFor,
  ONBOARDING_BRANCH,
  reactionsOn,
  repliesTo,
  testWorld,
  WORKFLOW_PATH,
} from "./helpers.js";

const OPT_OUT_LABEL = "jfrog-oidc: disabled";
const GRANTED = { status: 200, body: { scope: 'applied-permissions/groups:"ci-readers"', expires_in: 900 } };

let world: World;
let issue: number;
let mappingBefore: unknown;
beforeAll(async () => {
  world = await testWorld();
  world.github.createRepository({ owner: "acme", name: "web", files: { "package.json": "{}\n" } });
  world.github.createRepository({ owner: "acme", name: "api", files: { "pom.xml": "<project/>\n" } });
  world.github.addCollaborator("acme", "api", "lead", "maintain");
  await world.settle();
  issue = world.github.openIssue("acme", "web", { title: "We deploy with a service account" }, "mona");
  mappingBefore = mappingsFor(world, world.github.repository("acme", "web"))[0];
});
afterAll(() => world.close());

const web = () => world.github.repository("acme", "web");
const mappingName = () => `gh-o${web().ownerId}-r${web().id}`;
const exchangeOnMain = async (repo = "web") => world.exchange(await world.mintIdToken({ repo }));

describe("an org owner's /jfrog-oidc disable on an issue", () => {
  let id: number;
  beforeAll(async () => {
    expect(web().pulls).toEqual([expect.objectContaining({ number: 1, state: "open" })]);
    expect(await exchangeOnMain()).toMatchObject(GRANTED);
    id = await comment(world, { repo: "web", number: issue }, "/jfrog-oidc disable", "octocat");
  });

  it("is claimed with the app's 👀 and answered once, on the issue, with what was done", () => {
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(web(), id)).toEqual([
      [
        "#### `/jfrog-oidc disable`",
        "",
        "Done:",
        "",
        `- ✅ record the opt-out (repository label \`${OPT_OUT_LABEL}\`)`,
        `- ✅ delete this app's JFrog identity mapping \`${mappingName()}\``,
        "- ✅ close onboarding PR #1",
        "",
        "- out of scope: the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again",
        "",
        "Nothing is re-created until someone comments `/jfrog-oidc setup`.",
      ].join("\n"),
    ]);
    expect(web().comments.filter((c) => c.author === APP_BOT && c.issue === issue)).toHaveLength(1);
  });

  it("records the opt-out as a label on the repository", () => {
    expect(web().labels).toContain(OPT_OUT_LABEL);
  });

  it("removes the app's mapping from JFrog, so the workflow's token exchange is refused", async () => {
    expect(mappingsFor(world, web())).toEqual([]);
    expect(await exchangeOnMain()).toMatchObject({ status: 401 });
  });

  it("closes the onboarding PR unmerged, saying why", () => {
    expect(web().pulls).toEqual([expect.objectContaining({ number: 1, state: "closed", merged: false })]);
    const closing = web().comments.filter((c) => c.issue === 1 && c.author === APP_BOT);
    expect(closing.map((c) => c.body)).toEqual([
      expect.stringContaining("Closing: the app was disabled here with `/jfrog-oidc disable`"),
    ]);
    expect(web().files()[WORKFLOW_PATH]).toBeUndefined();
  });

  it("leaves the other repository onboarded", async () => {
    const api = world.github.repository("acme", "api");
    expect(mappingsFor(world, api)).toHaveLength(1);
    expect(api.pulls).toEqual([expect.objectContaining({ number: 1, state: "open" })]);
    expect(api.labels).not.toContain(OPT_OUT_LABEL);
    expect(await exchangeOnMain("api")).toMatchObject(GRANTED);
  });
});

describe("after the disable, nothing re-creates anything", () => {
  let sync: number;
  let from: number;
  beforeAll(async () => {
    from = world.github.webhooks.deliveries.length;
    // The repository's own config says "enabled": the label still wins.
    world.github.push({
      owner: "acme",
      repo: "web",
      files: { ".github/jfrog-oidc.yml": "enabled: true\n" },
      message: "Opt in explicitly",
    });
    await world.settle();
    const created = world.github.webhooks.deliveries.find(
      (d) => d.event === "repository" && d.repositoryId === web().id,
    );
    if (!created) throw new Error("no repository.created delivery for acme/web");
    await world.github.webhooks.redeliver(created.id);
    await world.settle();
    sync = await comment(world, { repo: "web", number: issue }, "/jfrog-oidc sync", "octocat");
  });

  it("the app saw a push of its config, a redelivered repository.created and a sync", () => {
    // Not counting the app's own comments, which GitHub announces too (and the app ignores).
    const seen = world.github.webhooks.deliveries
      .slice(from)
      .filter((d) => (d.request.payload as { sender: { login: string } }).sender.login !== APP_BOT);
    expect(seen.map((d) => [d.event, d.action, d.status])).toEqual([
      ["push", null, "OK"],
      ["repository", "created", "OK"],
      ["issue_comment", "created", "OK"],
    ]);
  });

  it("no mapping, no open PR, the label still there", () => {
    expect(mappingsFor(world, web())).toEqual([]);
    expect(web().pulls.map((p) => [p.number, p.state])).toEqual([[1, "closed"]]);
    expect(web().labels).toContain(OPT_OUT_LABEL);
  });

  it("sync says it respects the opt-out and only setup lifts it", () => {
    expect(repliesTo(web(), sync)).toEqual([
      [
        "#### `/jfrog-oidc sync`",
        "",
        "Nothing needed to change.",
        "",
        "- out of scope: the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again",
      ].join("\n"),
    ]);
  });

  it("status shows the opt-out", async () => {
    const id = await comment(world, { repo: "web", number: issue }, "/jfrog-oidc status", "octocat");
    const [reply] = repliesTo(web(), id);
    expect(reply).toContain(
      "| Scope | ⛔ out of scope: the app was disabled here with `/jfrog-oidc disable`; `/jfrog-oidc setup` enables it again |",
    );
    expect(reply).toContain(
      `| Opt-out | disabled with \`/jfrog-oidc disable\` (label \`${OPT_OUT_LABEL}\`) |`,
    );
    expect(reply).toContain(`| Identity mapping \`${mappingName()}\` | none |`);
  });
});

describe("/jfrog-oidc setup", () => {
  let id: number;
  beforeAll(async () => {
    id = await comment(world, { repo: "web", number: issue }, "/jfrog-oidc setup", "octocat");
  });

  it("lifts the opt-out, re-creates the mapping and opens a new onboarding PR, and says so", () => {
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    const [reply] = repliesTo(web(), id);
    expect(reply).toBe(
      [
        "#### `/jfrog-oidc setup`",
        "",
        "Done:",
        "",
        `- ✅ create the JFrog identity mapping \`${mappingName()}\``,
        `- ✅ lift the opt-out (remove the repository label \`${OPT_OUT_LABEL}\`)`,
        `- ✅ open the onboarding PR adding \`${WORKFLOW_PATH}\` (branch \`${ONBOARDING_BRANCH}\`)`,
      ].join("\n"),
    );
  });

  it("leaves no opt-out label", () => {
    expect(web().labels).not.toContain(OPT_OUT_LABEL);
  });

  it("puts back the same mapping, and the workflow's token exchange is granted again", async () => {
    expect(mappingsFor(world, web())).toEqual([mappingBefore]);
    expect(await exchangeOnMain()).toMatchObject(GRANTED);
  });

  it("has one open onboarding PR that adds the workflow", () => {
    const open = web().pulls.filter((p) => p.state === "open");
    expect(open).toEqual([
      expect.objectContaining({
        number: 3,
        head: ONBOARDING_BRANCH,
        author: APP_BOT,
        labels: ["jfrog-oidc"],
        requestedReviewers: ["mona"],
      }),
    ]);
    expect(web().files(ONBOARDING_BRANCH)[WORKFLOW_PATH]).toContain("oidc-provider-name: github-acme");
  });
});

describe("a maintainer's /jfrog-oidc disable on the onboarding PR itself", () => {
  it("answers on the PR it closes", async () => {
    const id = await comment(world, { repo: "api", number: 1 }, "/jfrog-oidc disable", "lead");
    const api = world.github.repository("acme", "api");
    expect(reactionsOn(api, id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(api, id)).toEqual([expect.stringContaining("- ✅ close onboarding PR #1")]);
    expect(api.comments.find((c) => c.body.includes(`comment=${id} `))?.issue).toBe(1);
    expect(api.pulls.map((p) => [p.number, p.state])).toEqual([[1, "closed"]]);
    expect(api.labels).toContain(OPT_OUT_LABEL);
    expect(mappingsFor(world, api)).toEqual([]);
    expect(mappingsFor(world, web())).toHaveLength(1);
  });
});
