/**
 * Hostile comments: commands hidden where a reader does not see them as the comment's own words (HTML blocks and
 * elements, nested fences, quotes, invisible or bidi characters), commands from people or bots who may not run
 * them, and edits or deletions that try to run one again. Each either runs nothing at all (no request to GitHub or
 * JFrog), or gets one clear reply to its author and writes nothing but that answer.
 *
 * The repository is onboarded (a mapping and an open PR), and every command below is `disable`: had any of them
 * run, the mapping would be gone, the PR closed and a label added.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { World } from "../../src/sandbox/world.js";
import { comment, repliesTo, requestMark, requestsSince, testWorld } from "../e2e/helpers.js";

let world: World;
let issue: number;

const repo = () => world.github.repository("acme", "target");
const where = () => ({ repo: "target", number: issue });
/** What `disable` would change. */
const onboarding = () => ({
  mappings: world.jfrog.state.mappings.length,
  pulls: repo().pulls.map((p) => p.state),
  labels: repo().labels,
});

/** The world starts real HTTP servers: give it the e2e project's time under load. */
beforeAll(async () => {
  world = await testWorld();
  world.github.createRepository({ owner: "acme", name: "target", files: { "package.json": "{}\n" } });
  issue = world.github.openIssue("acme", "target", { title: "Question" });
  world.github.addUser("helper[bot]", "Bot");
  await world.settle();
  expect(onboarding()).toMatchObject({ mappings: 1, pulls: ["open"] });
}, 30_000);
afterAll(() => world.close());

const DISABLE = "/jfrog-oidc disable";

/** Bodies that hold the command only where GitHub does not show it as the comment's own text. */
const hidden: Array<[string, string]> = [
  ["preformatted HTML", `<pre>\n${DISABLE}\n</pre>`],
  ["a folded section, after a blank line", `<details><summary>logs</summary>\n\n${DISABLE}\n\n</details>`],
  ["a block-level element", `<div align="center">\n${DISABLE}\n</div>`],
  ["a table cell", `<table><tr><td>\n\n${DISABLE}\n\n</td></tr></table>`],
  ["an element opened mid-sentence", `see the log <details>\n\n${DISABLE}\n\n</details>`],
  ["an HTML comment", `<!--\n${DISABLE}\n-->`],
  ["a fence inside a longer fence", `\`\`\`\`md\n\`\`\`\n${DISABLE}\n\`\`\`\n\`\`\`\``],
  ["a tilde fence holding a backtick one", `~~~\n\`\`\`\n~~~~x\n${DISABLE}\n~~~`],
  ["indented code", `Output:\n\n    ${DISABLE}`],
  ["a quote's lazy continuation", `> you could run\n${DISABLE}`],
  ["a list item", `- ${DISABLE}`],
  ["a zero-width space before the slash", `\u200b${DISABLE}`],
  ["a bidi override before the slash", `\u202e${DISABLE}`],
  ["a look-alike slash", `\uff0fjfrog-oidc disable`],
];

describe("a command GitHub does not show as the comment's own text", () => {
  it.each(hidden)("in %s runs nothing and asks nothing", async (_name, body) => {
    const mark = requestMark(world);
    const id = await comment(world, where(), body, "octocat");
    expect(repliesTo(repo(), id)).toEqual([]);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
    expect(onboarding()).toMatchObject({ mappings: 1, pulls: ["open"] });
  });
});

/** Only the answer to the author: the reaction on their comment and the reply. */
function onlyTheAnswer(world: World, mark: ReturnType<typeof requestMark>) {
  const { github, jfrog } = requestsSince(world, mark);
  const writes = github.filter((r) => !r.startsWith("GET ") && r !== "POST /graphql");
  expect(jfrog).toEqual([]);
  for (const write of writes)
    expect(write).toMatch(/^POST \/repos\/acme\/target\/issues\/(comments\/\d+\/reactions|\d+\/comments)$/);
}

describe("a command that cannot run gets one clear reply and writes nothing else", () => {
  it.each<[string, string, string, RegExp]>([
    [
      "a zero-width space inside the command",
      "/jfrog-oidc dis\u200bable",
      "octocat",
      /unknown command `dis\ufffdable`/,
    ],
    [
      "a bidi override inside the command",
      "/jfrog-oidc \u202eelbasid",
      "octocat",
      /unknown command `\ufffdelbasid`/,
    ],
    [
      "markup in an option value",
      "/jfrog-oidc verify ref=<img/src=x>",
      "octocat",
      /`<img\/src=x>` is not a git ref/,
    ],
    [
      "an org member without a role on the repository",
      DISABLE,
      "mona",
      /Not allowed:\*\* this command needs the \*\*maintain\*\* or \*\*admin\*\* role/,
    ],
    ["a stranger to the organization", DISABLE, "mallory", /Not allowed:/],
  ])("%s", async (_name, body, author, reply) => {
    const mark = requestMark(world);
    const id = await comment(world, where(), body, author);
    const replies = repliesTo(repo(), id);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(reply);
    onlyTheAnswer(world, mark);
    expect(onboarding()).toMatchObject({ mappings: 1, pulls: ["open"] });
  });
});

describe("comments that are not a person's new words", () => {
  it("a bot's command runs nothing", async () => {
    const mark = requestMark(world);
    const id = await comment(world, where(), DISABLE, "helper[bot]");
    expect(repliesTo(repo(), id)).toEqual([]);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("an edit that adds a command runs nothing", async () => {
    const id = await comment(world, where(), "thanks!", "octocat");
    const mark = requestMark(world);
    world.github.editComment("acme", "target", id, DISABLE, "octocat");
    await world.settle();
    expect(repliesTo(repo(), id)).toEqual([]);
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
  });

  it("deleting a command's comment runs nothing again", async () => {
    const id = await comment(world, where(), "/jfrog-oidc help", "mona");
    expect(repliesTo(repo(), id)).toHaveLength(1);
    const mark = requestMark(world);
    world.github.deleteComment("acme", "target", id, "mona");
    await world.settle();
    expect(requestsSince(world, mark)).toEqual({ github: [], jfrog: [] });
    expect(onboarding()).toMatchObject({ mappings: 1, pulls: ["open"] });
  });
});
