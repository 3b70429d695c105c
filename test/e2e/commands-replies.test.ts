/**
 * How the app answers a comment: one 👀 on it, then one reply per command in the comment's order (at most five),
 * the general help for an unknown command and a command's own help for a bad option, never an echo of the
 * comment's markup or mentions, never a reply GitHub would refuse for its size, never a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import {
  APP_BOT,
  comment,
  reactionsOn,
  repliesTo,
  requestMark,
  requestsSince,
  testWorld,
} from "./helpers.js";

let world: World;
let issue: number;
beforeAll(async () => {
  world = await testWorld();
  world.github.createRepository({ owner: "acme", name: "web", files: { "package.json": "{}\n" } });
  world.github.addCollaborator("acme", "web", "lead", "maintain");
  issue = world.github.openIssue("acme", "web", { title: "OIDC for our builds" }, "lead");
  await world.settle();
});
afterAll(() => world.close());

const web = () => world.github.repository("acme", "web");
const byLead = (body: string) => comment(world, { repo: "web", number: issue }, body, "lead");
/** The app's replies to one comment as GitHub holds them, hidden marker line included. */
const rawReplies = (id: number) =>
  web().comments.filter(
    (c) => c.author === APP_BOT && c.body.startsWith(`<!-- jfrog-oidc-rollout:reply comment=${id} `),
  );

describe("replies", () => {
  it("come one per command, in the comment's order, after one 👀", async () => {
    const id = await byLead(
      "Let's go:\r\n/jfrog-oidc plan\r\n/JFROG-OIDC Setup\r\n/jfrog-oidc status\r\nthanks!",
    );
    expect(rawReplies(id).map((c) => c.body.split("\n").slice(0, 2).join(" "))).toEqual([
      `<!-- jfrog-oidc-rollout:reply comment=${id} command=1/3 --> #### \`/jfrog-oidc plan\``,
      `<!-- jfrog-oidc-rollout:reply comment=${id} command=2/3 --> #### \`/jfrog-oidc setup\``,
      `<!-- jfrog-oidc-rollout:reply comment=${id} command=3/3 --> #### \`/jfrog-oidc status\``,
    ]);
    expect(rawReplies(id).every((c) => c.issue === issue)).toBe(true);
    expect(reactionsOn(web(), id)).toEqual([`eyes by ${APP_BOT}`]);
    expect(repliesTo(web(), id)[2]).toContain("✅ present and as the org policy wants");
  });

  it("answer an unknown command with the general help, and a bad option with that command's help", async () => {
    const mark = requestMark(world);
    const id = await byLead(
      "/jfrog-oidc destroy-everything\n/jfrog-oidc status verbose=yes\n/jfrog-oidc rollout go",
    );
    const [unknown, badOption, badSub] = repliesTo(web(), id);
    expect(unknown).toContain("⚠️ unknown command `destroy-everything`.");
    expect(unknown).toContain("| command | what it does | who may run it | you |");
    expect(badOption).toContain("⚠️ `status` takes no options (got `verbose`).");
    expect(badOption).toContain("**Usage:** `/jfrog-oidc status` — this repository's state");
    expect(badSub).toContain("⚠️ unknown rollout command `go`.");
    expect(requestsSince(world, mark).jfrog).toEqual([]);
  });

  it("run at most five commands of a comment and say so", async () => {
    const id = await byLead(Array(8).fill("/jfrog-oidc help").join("\n"));
    const replies = repliesTo(web(), id);
    expect(replies).toHaveLength(5);
    expect(replies[4]).toContain("_3 more command(s) in the comment were not run: at most 5 per comment._");
  });

  it("never echo markup or mentions from the comment", async () => {
    const id = await byLead("/jfrog-oidc <img src=x onerror=alert(1)>@everyone`](http://evil)");
    const [reply = ""] = repliesTo(web(), id);
    expect(reply).toContain("⚠️ unknown command `<img`.");
    expect(reply).not.toContain("@everyone");
    expect(reply).not.toContain("evil");
  });

  it("stay well under GitHub's size limit, and never carry a secret", async () => {
    const body = `/jfrog-oidc verify environment="${"x".repeat(250)}"\n/jfrog-oidc status\n${"🙂".repeat(30_000)}`;
    const id = await byLead(body);
    const replies = rawReplies(id);
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.body.length).toBeLessThan(30_001);
    const everything = [...web().comments.map((c) => c.body), ...world.logs].join("\n");
    for (const secret of [world.jfrogAdminToken, world.webhookSecret])
      expect(everything).not.toContain(secret);
  });
});
