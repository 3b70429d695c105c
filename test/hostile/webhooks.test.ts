/**
 * Hostile webhooks: deliveries that carry a valid signature (whoever holds the secret, or GitHub changing a
 * payload) but not the shape their event has, plus forged and unknown ones. Each is answered without an internal
 * error, leaves one warning in the log naming what is wrong (where the operator looks), and writes nothing to
 * GitHub or JFrog; reads neither, in fact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { requestMark, requestsSince, testWorld } from "../e2e/helpers.js";

type Payload = Record<string, unknown> & { repository?: Record<string, unknown> | null };

let world: World;
let created: Payload;
let pushed: Payload;
let commented: Payload;
let edited: Payload;

/** The payload the emulator last delivered for `event`, as GitHub would send it. */
function lastDelivered(event: string): Payload {
  const delivery = world.github.webhooks.deliveries.filter((d) => d.event === event).at(-1);
  if (!delivery) throw new Error(`no ${event} delivered`);
  return structuredClone(delivery.request.payload) as Payload;
}

/** The world starts real HTTP servers: give it the e2e project's time under load. */
beforeAll(async () => {
  world = await testWorld();
  // A repository the app has not seen: a well-formed `repository.created` for it would create a mapping and a PR.
  world.github.createRepository({
    owner: "acme",
    name: "target",
    files: { "package.json": "{}\n" },
    announce: false,
  });
  created = world.github.repositoryCreatedPayload("acme", "target") as Payload;
  // Harmless deliveries whose real payloads the hostile ones are made from.
  world.github.push({ owner: "acme", repo: "target", branch: "topic", files: { "a.txt": "a" } });
  const issue = world.github.openIssue("acme", "target", { title: "Question" });
  world.github.comment("acme", "target", issue, "hello");
  world.github.editIssueBody("acme", "target", issue, "hello, edited");
  await world.settle();
  pushed = lastDelivered("push");
  commented = lastDelivered("issue_comment");
  edited = lastDelivered("issues");
  // What makes the push and the comment worth acting on when well-formed.
  pushed.ref = `refs/heads/${(pushed.repository as { default_branch: string }).default_branch}`;
  pushed.created = true;
  (commented.comment as Record<string, unknown>).body = "/jfrog-oidc sync";
}, 30_000);
afterAll(() => world.close());

const transferred = (): Payload => ({
  ...structuredClone(created),
  action: "transferred",
  changes: { owner: { from: { organization: { login: "old-org", id: 9 } } } },
});

type Case = [name: string, event: string, payload: () => Payload, wrongField: string];

const cases: Case[] = [
  [
    "a repository event without repository",
    "repository",
    () => ({ ...structuredClone(created), repository: undefined }),
    "repository",
  ],
  [
    "a repository event whose repository is null",
    "repository",
    () => ({ ...structuredClone(created), repository: null }),
    "repository",
  ],
  [
    "a renamed field (repo for repository)",
    "repository",
    () => {
      const { repository, ...rest } = structuredClone(created);
      return { ...rest, repo: repository };
    },
    "repository",
  ],
  [
    "a repository id sent as a string",
    "repository",
    () => {
      const payload = structuredClone(created);
      (payload.repository as Record<string, unknown>).id = String(payload.repository?.id);
      return payload;
    },
    "repository.id",
  ],
  [
    "a repository without owner",
    "repository",
    () => {
      const payload = structuredClone(created);
      delete (payload.repository as Record<string, unknown>).owner;
      return payload;
    },
    "repository.owner",
  ],
  [
    "an empty repository name",
    "repository",
    () => {
      const payload = structuredClone(created);
      (payload.repository as Record<string, unknown>).name = "";
      return payload;
    },
    "repository.name",
  ],
  [
    "no installation",
    "repository",
    () => ({ ...structuredClone(created), installation: undefined }),
    "installation",
  ],
  ["a transfer without changes", "repository", () => ({ ...transferred(), changes: undefined }), "changes"],
  [
    "a transfer from an owner whose id is not a number",
    "repository",
    () => ({
      ...transferred(),
      changes: { owner: { from: { user: { login: "someone", id: "1" } } } },
    }),
    "changes.owner.from.user.id",
  ],
  ["a push without commits", "push", () => ({ ...structuredClone(pushed), commits: undefined }), "commits"],
  ["a push whose ref is not text", "push", () => ({ ...structuredClone(pushed), ref: 42 }), "ref"],
  [
    "a push without the default branch",
    "push",
    () => {
      const payload = structuredClone(pushed);
      delete (payload.repository as Record<string, unknown>).default_branch;
      return payload;
    },
    "repository.default_branch",
  ],
  [
    "a comment without a body",
    "issue_comment",
    () => {
      const payload = structuredClone(commented);
      delete (payload.comment as Record<string, unknown>).body;
      return payload;
    },
    "comment.body",
  ],
  [
    "a comment longer than GitHub allows",
    "issue_comment",
    () => {
      const payload = structuredClone(commented);
      (payload.comment as Record<string, unknown>).body = `/jfrog-oidc sync\n${"x".repeat(70_000)}`;
      return payload;
    },
    "comment.body",
  ],
  [
    "a comment without its issue",
    "issue_comment",
    () => ({ ...structuredClone(commented), issue: undefined }),
    "issue",
  ],
  [
    "a comment without sender",
    "issue_comment",
    () => ({ ...structuredClone(commented), sender: undefined }),
    "sender",
  ],
  [
    "an issue edit whose previous body is not text",
    "issues",
    () => ({ ...structuredClone(edited), changes: { body: { from: 42 } } }),
    "changes.body.from",
  ],
  [
    "an issue edit without sender",
    "issues",
    () => ({ ...structuredClone(edited), sender: undefined }),
    "sender",
  ],
  [
    "a comment event with an array for a payload's object",
    "issue_comment",
    () => ({ ...structuredClone(commented), comment: [] }),
    "comment",
  ],
];

interface LogLine {
  level: number;
  msg: string;
  problems?: string[];
  event?: string;
}

describe("a signed payload that is not what its event sends", () => {
  it.each(cases)(
    "%s: ignored with a warning naming it, nothing read or written",
    async (_name, event, payload, field) => {
      const mark = requestMark(world);
      const logged = world.logs.length;
      const delivery = await world.github.webhooks.send(event, payload());
      await world.settle();

      expect(delivery.statusCode).toBe(200);
      expect(delivery.response.payload).not.toMatch(/TypeError|Cannot read|undefined|at .*\.js/);
      const lines = world.logs.slice(logged).map((line) => JSON.parse(line) as LogLine);
      const warning = lines.find(
        (l) => l.msg === "webhook ignored: its payload is not what GitHub sends for this event",
      );
      expect(warning).toMatchObject({
        level: 40,
        problems: expect.arrayContaining([expect.stringMatching(`^${field.replace(/\./g, "\\.")}:`)]),
      });
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
      expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
    },
  );
});

describe("deliveries the app does not act on", () => {
  it("an action the app does not subscribe to is acknowledged and changes nothing", async () => {
    const mark = requestMark(world);
    const delivery = await world.github.webhooks.send("repository", {
      ...structuredClone(created),
      action: "frobnicated",
    });
    await world.settle();
    expect(delivery.statusCode).toBe(200);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("a forged signature on a malformed payload is refused at the door, before any handler", async () => {
    const mark = requestMark(world);
    const logged = world.logs.length;
    const delivery = await world.github.webhooks.send(
      "repository",
      { ...structuredClone(created), repository: undefined },
      { secret: "not-the-webhook-secret" },
    );
    await world.settle();
    expect(delivery.statusCode).toBe(400);
    expect(world.logs.slice(logged).join("\n")).not.toContain("webhook ignored");
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("the well-formed delivery the hostile ones were made from still works", async () => {
    await world.github.webhooks.send("repository", structuredClone(created));
    await world.settle();
    expect(world.github.repository("acme", "target").pulls).toHaveLength(1);
  });
});
