/**
 * Commands while the app runs with `DRY_RUN=true`: they plan and answer, and write nothing but their 👀 and reply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { comment, repliesTo, requestMark, testWorld } from "./helpers.js";
import { writesSince } from "./writes.js";

let world: World;
let issue: number;
beforeAll(async () => {
  world = await testWorld({ dryRun: true });
  // A repository the app has not onboarded (it would not under DRY_RUN anyway).
  world.github.createRepository({
    owner: "acme",
    name: "web",
    files: { "package.json": "{}\n" },
    announce: false,
  });
  world.github.addCollaborator("acme", "web", "lead", "maintain");
  issue = world.github.openIssue("acme", "web", { title: "OIDC for our builds" }, "lead");
  await world.settle();
});
afterAll(() => world.close());

const web = () => world.github.repository("acme", "web");

describe("commands under DRY_RUN=true", () => {
  it("setup says what it would do and writes nothing but its reaction and reply", async () => {
    const mark = requestMark(world);
    const id = await comment(world, { repo: "web", number: issue }, "/jfrog-oidc setup", "lead");

    expect(writesSince(world, mark)).toEqual({
      github: [
        `POST /repos/acme/web/issues/comments/${id}/reactions`,
        `POST /repos/acme/web/issues/${issue}/comments`,
      ],
      jfrog: [],
    });
    expect(repliesTo(web(), id)[0]).toContain("The app runs with `DRY_RUN`: nothing was written. It would:");
    expect(web().pulls).toEqual([]);
    expect(world.jfrog.state.mappings).toEqual([]);
  });

  it("status says the app writes nothing anywhere", async () => {
    const id = await comment(world, { repo: "web", number: issue }, "/jfrog-oidc status", "lead");
    expect(repliesTo(web(), id)[0]).toContain("_The app runs with `DRY_RUN`: it writes nothing anywhere._");
  });
});
