/**
 * Who may steer the app from a comment, asked of GitHub (not of the comment): maintain and admin may; read, triage,
 * write and strangers are refused with the missing role named, and nothing is written anywhere. Bots', edited and
 * deleted comments are ignored; the same comment delivered again is answered once.
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

const OPT_OUT_LABEL = "jfrog-oidc: disabled";
const PR = { repo: "web", number: 1 };

let world: World;
beforeAll(async () => {
  world = await testWorld();
  world.github.createRepository({ owner: "acme", name: "web", files: { "package.json": "{}\n" } });
  for (const [login, role] of [
    ["reader", "read"],
    ["triager", "triage"],
    ["dev", "write"],
    ["lead", "maintain"],
    ["boss", "admin"],
  ] as const)
    world.github.addCollaborator("acme", "web", login, role);
  world.github.addUser("eve");
  await world.settle();
});
afterAll(() => world.close());

const web = () => world.github.repository("acme", "web");

/** What a refused or ignored command must leave exactly as it was. */
function onboardingState() {
  const repo = web();
  return {
    labels: repo.labels,
    branches: repo.branches,
    pulls: repo.pulls.map((p) => [p.number, p.state]),
    mappings: mappingsFor(world, repo),
  };
}

describe("repository commands", () => {
  it.each([
    ["reader", "your role is `read`"],
    ["triager", "your role is `triage`"],
    ["dev", "your role is `write`"],
    ["eve", "your role is `none`"],
  ])("are refused to %s, who is told which role is missing, and nothing is written", async (login, yours) => {
    const before = onboardingState();
    const mark = requestMark(world);
    const id = await comment(world, PR, "/jfrog-oidc disable", login);

    expect(reactionsOn(web(), id)).toEqual([`confused by ${APP_BOT}`]);
    expect(repliesTo(web(), id)).toEqual([
      [
        "#### `/jfrog-oidc disable`",
        "",
        `🔒 **Not allowed:** this command needs the **maintain** or **admin** role on \`acme/web\`; ${yours}.`,
      ].join("\n"),
    ]);
    expect(onboardingState()).toEqual(before);
    // One question to GitHub about the commenter, the claim, the answer: no GraphQL, no JFrog at all.
    expect(requestsSince(world, mark)).toEqual({
      github: [
        `GET /repos/acme/web/collaborators/${login}/permission`,
        `POST /repos/acme/web/issues/comments/${id}/reactions`,
        "POST /repos/acme/web/issues/1/comments",
      ],
      jfrog: [],
    });
  });

  it("run for a maintainer", async () => {
    const id = await comment(world, PR, "/jfrog-oidc plan", "lead");
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(web(), id)).toEqual([
      [
        "#### `/jfrog-oidc plan`",
        "",
        "`/jfrog-oidc sync` would change nothing.",
        "",
        "- the onboarding PR #1 is open and up to date",
      ].join("\n"),
    ]);
  });

  it("run for a repository admin who is not an org owner", async () => {
    const id = await comment(world, PR, "/jfrog-oidc plan", "boss");
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(web(), id)[0]).toContain("`/jfrog-oidc sync` would change nothing.");
  });

  it("run for an org owner, who has admin on every repository", async () => {
    const id = await comment(world, PR, "/jfrog-oidc plan", "octocat");
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(web(), id)).toHaveLength(1);
  });

  it("are answered one by one in a comment that mixes allowed and refused ones", async () => {
    const id = await comment(world, PR, "/jfrog-oidc help\n/jfrog-oidc status", "reader");
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    const [help, status] = repliesTo(web(), id);
    expect(help).toContain(
      "| `/jfrog-oidc help` | what this app does here and the commands you may run | anyone | ✅ |",
    );
    expect(help).toMatch(/\| `\/jfrog-oidc disable` \| .* \| maintain or admin on this repository \| — \|/);
    expect(help).toMatch(/\| `\/jfrog-oidc rollout status` \| .* \| — \|/);
    expect(status).toContain("🔒 **Not allowed:** this command needs the **maintain** or **admin** role");
  });
});

describe("when GitHub cannot say what role the commenter has", () => {
  // Until removed: the app's client retries a 502 a few times before it gives up.
  const permissionFails = (login: string) =>
    world.github.faults.add({
      method: "GET",
      pathPattern: new RegExp(`/collaborators/${login}/permission$`),
      status: 502,
    });

  it("a repository command is refused with the reason, and still answered", async () => {
    const before = onboardingState();
    const fault = permissionFails("lead");
    const id = await comment(world, PR, "/jfrog-oidc disable", "lead");
    fault.remove();
    expect(fault.hits).toBeGreaterThan(0);
    expect(repliesTo(web(), id)).toEqual([
      [
        "#### `/jfrog-oidc disable`",
        "",
        "🔒 **Not allowed:** the app could not check your permission (GitHub answered HTTP 502); try again in a few minutes.",
      ].join("\n"),
    ]);
    expect(onboardingState()).toEqual(before);
  });

  it("help still answers, without claiming anything failed", async () => {
    const fault = permissionFails("reader");
    const id = await comment(world, PR, "/jfrog-oidc help", "reader");
    fault.remove();
    expect(fault.hits).toBeGreaterThan(0);
    const [help] = repliesTo(web(), id);
    expect(help).toContain(
      "| `/jfrog-oidc help` | what this app does here and the commands you may run | anyone | ✅ |",
    );
    expect(help).not.toMatch(/went wrong|failed/i);
  });
});

describe("org-level commands", () => {
  let dotGithub: number;
  beforeAll(() => {
    world.github.addCollaborator("acme", ".github", "lead", "admin");
    dotGithub = world.github.openIssue("acme", ".github", { title: "Rollout" }, "octocat");
  });
  const where = () => ({ repo: ".github", number: dotGithub });
  const dot = () => world.github.repository("acme", ".github");

  it("give an org owner counts in the org's .github repository, never repository names", async () => {
    const id = await comment(world, where(), "/jfrog-oidc rollout status", "octocat");
    expect(reactionsOn(dot(), id)).toEqual([`eyes by ${APP_BOT}`]);
    const [reply] = repliesTo(dot(), id);
    // acme/web (onboarded) and acme/.github (it holds the policy: not onboarded unless repositories.dotGithub).
    expect(reply).toContain(
      [
        "| Repositories the app is installed on | 2 |",
        "| …in scope by the policy's rules | 1 |",
        "| …of those with the app's identity mapping | 1 |",
        "| …of those still without one | 0 |",
      ].join("\n"),
    );
    expect(reply).not.toMatch(/\bweb\b/);
  });

  it("are refused to an org member who is not an owner, with the role GitHub reports", async () => {
    const id = await comment(world, where(), "/jfrog-oidc rollout status", "mona");
    expect(reactionsOn(dot(), id)).toEqual([`confused by ${APP_BOT}`]);
    expect(repliesTo(dot(), id)[0]).toContain(
      "🔒 **Not allowed:** this command needs the **owner** role in the `acme` organization; your membership role is `member`.",
    );
  });

  it("are refused to a repository admin who is not an org owner", async () => {
    const id = await comment(world, where(), "/jfrog-oidc rollout status", "lead");
    expect(reactionsOn(dot(), id)).toEqual([`confused by ${APP_BOT}`]);
    expect(repliesTo(dot(), id)).toEqual([
      [
        "#### `/jfrog-oidc rollout status`",
        "",
        "🔒 **Not allowed:** this command needs the **owner** role in the `acme` organization; you are not a member.",
      ].join("\n"),
    ]);
  });

  it("are refused outside the org's .github repository, even to an org owner, without asking who they are", async () => {
    const mark = requestMark(world);
    const id = await comment(world, PR, "/jfrog-oidc rollout status", "octocat");
    expect(requestsSince(world, mark).github.filter((r) => r.includes("/memberships/"))).toEqual([]);
    expect(repliesTo(web(), id)).toEqual([
      [
        "#### `/jfrog-oidc rollout status`",
        "",
        "🔒 **Not allowed:** org-level commands run only in the organization's `acme/.github` repository.",
      ].join("\n"),
    ]);
  });
});

describe("comments that do not count", () => {
  it("a bot's command is ignored without a single request", async () => {
    const before = onboardingState();
    const mark = requestMark(world);
    const id = await comment(world, PR, "/jfrog-oidc disable", "renovate[bot]");

    const delivery = world.github.webhooks.deliveries.at(-1);
    expect(delivery).toMatchObject({ event: "issue_comment", action: "created", status: "OK" });
    expect(delivery?.request.payload).toMatchObject({ comment: { id, user: { type: "Bot" } } });
    expect(reactionsOn(web(), id)).toEqual([]);
    expect(repliesTo(web(), id)).toEqual([]);
    expect(onboardingState()).toEqual(before);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("an edited or deleted comment does not run its command (again)", async () => {
    const id = await comment(world, PR, "Looks good to me", "octocat");
    const before = onboardingState();
    const mark = requestMark(world);

    world.github.editComment("acme", "web", id, "/jfrog-oidc disable", "octocat");
    await world.settle();
    world.github.deleteComment("acme", "web", id, "octocat");
    await world.settle();

    expect(world.github.webhooks.deliveries.slice(-2)).toEqual([
      expect.objectContaining({ event: "issue_comment", action: "edited", status: "OK" }),
      expect.objectContaining({ event: "issue_comment", action: "deleted", status: "OK" }),
    ]);
    expect(onboardingState()).toEqual(before);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("a comment whose author is not the sender is ignored: permissions are only ever checked for the author", async () => {
    const made = await comment(world, PR, "Looks fine", "eve");
    const delivered = world.github.webhooks.deliveries.find(
      (d) =>
        d.event === "issue_comment" && (d.request.payload as { comment: { id: number } }).comment.id === made,
    );
    const forged = structuredClone(delivered?.request.payload) as {
      comment: { body: string };
      sender: { login: string };
    };
    forged.comment.body = "/jfrog-oidc disable";
    forged.sender.login = "octocat";
    const before = onboardingState();
    const mark = requestMark(world);

    const record = await world.github.webhooks.send("issue_comment", forged);
    await world.settle();

    expect(record.status).toBe("OK");
    expect(onboardingState()).toEqual(before);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("a command inside a quote or a code block does not run", async () => {
    const mark = requestMark(world);
    await comment(world, PR, "> /jfrog-oidc disable\n\n```\n/jfrog-oidc disable\n```\nshould I?", "octocat");
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
    expect(web().labels).not.toContain(OPT_OUT_LABEL);
  });
});

describe("the same comment delivered again", () => {
  it("is answered once when GitHub redelivers it", async () => {
    const id = await comment(world, PR, "/jfrog-oidc status", "lead");
    const original = world.github.webhooks.deliveries.find(
      (d) =>
        d.event === "issue_comment" && (d.request.payload as { comment: { id: number } }).comment.id === id,
    );
    if (!original) throw new Error(`no delivery for comment ${id}`);

    const again = await world.github.webhooks.redeliver(original.id);
    await world.settle();

    expect(again).toMatchObject({ guid: original.guid, redelivery: true, status: "OK" });
    expect(repliesTo(web(), id)).toHaveLength(1);
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    const logged = world.logs.map((l) => JSON.parse(l) as { msg: string });
    expect(logged.filter((l) => l.msg.includes("duplicate delivery, ignored"))).toHaveLength(1);
  });

  it("is still answered when a person, not the app, reacted with 👀 first", async () => {
    const target = world.github.webhooks.target;
    world.github.webhooks.target = undefined;
    const id = world.github.comment("acme", "web", 1, "/jfrog-oidc status", "lead");
    world.github.react("acme", "web", id, "eyes", "lead");
    await world.github.webhooks.idle();
    world.github.webhooks.target = target;
    await world.github.webhooks.send(
      "issue_comment",
      world.github.webhooks.deliveries.at(-1)?.request.payload as object,
    );
    await world.settle();

    expect(repliesTo(web(), id)).toHaveLength(1);
    expect(reactionsOn(web(), id)).toEqual(["eyes by lead", `eyes by ${APP_BOT}`]);
  });

  it("is answered when the app claimed it but stopped before replying (its job runs again after a crash)", async () => {
    const target = world.github.webhooks.target;
    world.github.webhooks.target = undefined;
    const id = world.github.comment("acme", "web", 1, "/jfrog-oidc status", "lead");
    // The app's 👀 is there, its reply is not: the process died in between.
    world.github.react("acme", "web", id, "eyes", APP_BOT);
    await world.github.webhooks.idle();
    world.github.webhooks.target = target;
    await world.github.webhooks.send(
      "issue_comment",
      world.github.webhooks.deliveries.at(-1)?.request.payload as object,
    );
    await world.settle();

    expect(repliesTo(web(), id)).toHaveLength(1);
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    const logged = world.logs.map((l) => JSON.parse(l) as { msg: string });
    expect(logged.some((l) => l.msg.includes("claimed earlier but not answered"))).toBe(true);
  });

  it("is answered after a crash even when another bot posted a reply carrying the app's marker", async () => {
    const target = world.github.webhooks.target;
    world.github.webhooks.target = undefined;
    const id = world.github.comment("acme", "web", 1, "/jfrog-oidc status", "lead");
    world.github.react("acme", "web", id, "eyes", APP_BOT);
    // Any workflow can comment as a bot: a forged "already answered" marker must not silence the command.
    world.github.comment(
      "acme",
      "web",
      1,
      `<!-- jfrog-oidc-rollout:reply comment=${id} command=1/1 -->\n#### \`/jfrog-oidc status\`\n\nnothing to see`,
      "github-actions[bot]",
    );
    await world.github.webhooks.idle();
    world.github.webhooks.target = target;
    const delivery = world.github.webhooks.deliveries.findLast(
      (d) =>
        d.event === "issue_comment" && (d.request.payload as { comment: { id: number } }).comment.id === id,
    );
    await world.github.webhooks.send("issue_comment", delivery?.request.payload as object);
    await world.settle();

    expect(repliesTo(web(), id)).toHaveLength(1);
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
  });

  it("is answered once when three copies arrive at the same moment", async () => {
    // GitHub could not reach the app when the comment was made; then three copies arrive together.
    const target = world.github.webhooks.target;
    world.github.webhooks.target = undefined;
    const id = world.github.comment("acme", "web", 1, "/jfrog-oidc disable", "lead");
    await world.github.webhooks.idle();
    world.github.webhooks.target = target;
    const missed = world.github.webhooks.deliveries.at(-1);
    expect(missed).toMatchObject({ event: "issue_comment", status: "failed to connect to host" });

    const copies = await Promise.all(
      [1, 2, 3].map(() => world.github.webhooks.send("issue_comment", missed?.request.payload as object)),
    );
    await world.settle();

    expect(copies.map((c) => c.status)).toEqual(["OK", "OK", "OK"]);
    expect(repliesTo(web(), id)).toHaveLength(1);
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    // One disable: the label once, one closing comment on the PR, the mapping gone.
    expect(web().labels.filter((l) => l === OPT_OUT_LABEL)).toHaveLength(1);
    expect(web().comments.filter((c) => c.author === APP_BOT && c.body.startsWith("Closing:"))).toHaveLength(
      1,
    );
    expect(mappingsFor(world, web())).toEqual([]);
  });
});
