/**
 * The operator's secrets never leave the app: the sandbox story runs with recognisable sentinel values for the
 * JFrog admin token, the GitHub App's private key and the webhook secret, plus commands and a config the app
 * must refuse, and none of them appears in any log line, comment, check run, PR, file, commit or webhook answer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Report } from "../../src/sandbox/story/report.js";
import { tellStory } from "../../src/sandbox/story/story.js";
import type { World } from "../../src/sandbox/world.js";
import { appKeyPair } from "../support/app-key.js";
import { comment, testWorld } from "./helpers.js";

const JFROG_ADMIN_TOKEN = "SENTINEL-jfrog-admin-token-5d1e0c9a7b";
const WEBHOOK_SECRET = "SENTINEL-webhook-secret-83f2a6c4e1";
const PRIVATE_KEY = appKeyPair().privateKeyPkcs8;

/** Every way a secret could be written: as is, JSON-escaped, and (the key) any line of its base64 body. */
const needles = [
  JFROG_ADMIN_TOKEN,
  WEBHOOK_SECRET,
  JSON.stringify(PRIVATE_KEY).slice(1, -1),
  ...PRIVATE_KEY.split("\n").filter((line) => line.length >= 32 && !line.startsWith("-----")),
];

const REPOS = [".github", "web", "api", "fresh", "docs", "hostile"];

let world: World;
beforeAll(async () => {
  world = await testWorld({
    secrets: { jfrogAdminToken: JFROG_ADMIN_TOKEN, webhookSecret: WEBHOOK_SECRET, privateKey: PRIVATE_KEY },
  });
});
afterAll(() => world.close());

/** Everything the app wrote where people read it, one text per place. */
function everythingWritten(): Array<[place: string, text: string]> {
  const out: Array<[string, string]> = world.logs.map((line, i) => [`log line ${i}`, line]);
  for (const name of REPOS) {
    const repo = world.github.repository(world.org, name);
    for (const pull of repo.pulls) out.push([`${name} PR #${pull.number}`, `${pull.title}\n${pull.body}`]);
    for (const c of repo.comments) out.push([`${name} comment ${c.id}`, c.body]);
    for (const i of repo.issues) out.push([`${name} issue #${i.number}`, `${i.title}\n${i.body}`]);
    for (const run of repo.checkRuns)
      out.push([`${name} check run ${run.name}`, `${run.title}\n${run.summary}`]);
    for (const branch of Object.keys(repo.branches)) {
      for (const [path, text] of Object.entries(repo.files(branch)))
        out.push([`${name}@${branch}:${path}`, text]);
      for (const commit of repo.log(branch)) out.push([`${name} commit ${commit.oid}`, commit.message]);
    }
  }
  for (const d of world.github.webhooks.deliveries)
    out.push([`answer to delivery ${d.id}`, d.response.payload]);
  for (const m of world.jfrog.state.mappings) out.push([`JFrog mapping ${m.name}`, JSON.stringify(m)]);
  return out;
}

it("the story, commands and a refused config leave no secret anywhere the app writes", async () => {
  const report = new Report({ write: () => {} });
  await tellStory(world, report);
  expect(report.failed).toBeUndefined();

  const web = world.github.repository(world.org, "web");
  const pr = web.pulls[0]?.number ?? 1;
  for (const command of [
    "/jfrog-oidc status",
    "/jfrog-oidc verify ref=main",
    "/jfrog-oidc plan",
    "/jfrog-oidc help",
  ])
    await comment(world, { repo: "web", number: pr }, command, "octocat");
  const issue = world.github.openIssue(world.org, ".github", { title: "Rollout" }, "octocat");
  await comment(world, { repo: ".github", number: issue }, "/jfrog-oidc rollout status", "octocat");
  // A repository whose own config the app must refuse: a failed check run with its problems.
  world.github.createRepository({ owner: world.org, name: "hostile", files: { "package.json": "{}\n" } });
  await world.settle();
  world.github.push({
    owner: world.org,
    repo: "hostile",
    files: { ".github/jfrog-oidc.yml": "enabled: maybe\ntoken: { scope: admin }\n" },
  });
  await world.settle();
  // An org scan, after which the app writes the rollout dashboard (an issue of `.github`, rows quoting plan notes).
  await world.app.composed.lifecycle.sweep();
  await world.settle();

  const written = everythingWritten();
  // The places exist: the test looks where the app really wrote.
  expect(written.filter(([place]) => place.includes("comment")).length).toBeGreaterThanOrEqual(5);
  expect(written.some(([place]) => place.includes("check run"))).toBe(true);
  expect(written.some(([place]) => place.includes("PR #"))).toBe(true);
  expect(
    written.some(
      ([place, text]) => place.includes("issue #") && text.includes("jfrog-oidc-rollout:dashboard"),
    ),
  ).toBe(true);
  expect(written.some(([place]) => place.endsWith(".github/workflows/jfrog-oidc.yml"))).toBe(true);
  expect(written.filter(([place]) => place.startsWith("log line")).length).toBeGreaterThan(50);

  const leaks = written.flatMap(([place, text]) =>
    needles.filter((needle) => text.includes(needle)).map(() => place),
  );
  expect(leaks).toEqual([]);
  // Installation tokens are secrets too, whatever the app was given.
  expect(written.filter(([, text]) => /\bghs_[A-Za-z0-9]{16,}/.test(text)).map(([place]) => place)).toEqual(
    [],
  );
});
