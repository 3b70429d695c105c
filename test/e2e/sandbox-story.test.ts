/** `npm run sandbox` tells this story; CI checks it here, so the README's first command never rots. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Report } from "../../src/sandbox/story/report.js";
import { tellStory } from "../../src/sandbox/story/story.js";
import type { World } from "../../src/sandbox/world.js";
import { testWorld } from "./helpers.js";

let world: World;
beforeAll(async () => {
  world = await testWorld();
});
afterAll(() => world.close());

it("behaves as expected at every step", async () => {
  const chunks: string[] = [];
  const report = new Report({ write: (text) => void chunks.push(text) });
  await tellStory(world, report);
  const printed = chunks.join("");
  expect(report.failed, printed).toBeUndefined();
  expect(printed).toContain("token exchange with an ID token of acme/web on main: granted");
  expect(printed).not.toMatch(/ghs_|sandbox-admin-/);
});

it("names the step that did not behave, and stops there", async () => {
  const broken = await testWorld();
  try {
    broken.jfrog.faults.add({ method: "POST", pathPattern: /identity_mappings$/, status: 500 });
    const chunks: string[] = [];
    const report = new Report({ write: (text) => void chunks.push(text) });
    await tellStory(broken, report);
    expect(report.failed).toMatchObject({
      step: 3,
      title: "the app registers an identity mapping in JFrog, pinned to the immutable ids",
      reason: "JFrog has no mapping for acme/web",
    });
    expect(chunks.join("")).not.toContain(" 4. ");
  } finally {
    await broken.close();
  }
});
