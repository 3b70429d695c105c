import { afterEach, expect, test } from "vitest";
import { call, type Setup, setup } from "./helpers.js";

let s: Setup | undefined;
afterEach(async () => {
  await s?.github.close();
  s = undefined;
});

test("a pull request's files are its changes against the base it was opened on, paged", async () => {
  s = await setup();
  s.github.push({
    owner: "acme",
    repo: "web",
    branch: "ci",
    files: {
      ".github/workflows/ci.yml": "on: push\n",
      "README.md": "# web, now with CI\n",
      "package.json": null,
    },
  });
  const opened = await call(s.github, "POST", "/repos/acme/web/pulls", {
    token: s.token,
    body: { title: "CI", head: "ci", base: "main" },
  });
  const number = (opened.body as { number: number }).number;
  const files = await call(s.github, "GET", `/repos/acme/web/pulls/${number}/files?per_page=2`, {
    token: s.token,
  });
  expect(files.status).toBe(200);
  expect(
    (files.body as Array<{ filename: string; status: string }>).map((f) => [f.filename, f.status]),
  ).toEqual([
    [".github/workflows/ci.yml", "added"],
    ["README.md", "modified"],
  ]);
  const next = await call(s.github, "GET", `/repos/acme/web/pulls/${number}/files?per_page=2&page=2`, {
    token: s.token,
  });
  expect(next.body).toMatchObject([{ filename: "package.json", status: "removed" }]);
  expect((await call(s.github, "GET", "/repos/acme/web/pulls/999/files", { token: s.token })).status).toBe(
    404,
  );
});

test("a check run's output can be replaced by an update, as the audit does for annotations beyond 50", async () => {
  s = await setup();
  const sha = s.github.repository("acme", "web").branches.main as string;
  const created = await call(s.github, "POST", "/repos/acme/web/check-runs", {
    token: s.token,
    body: {
      name: "audit",
      head_sha: sha,
      status: "completed",
      conclusion: "neutral",
      output: { title: "a", summary: "1" },
    },
  });
  const id = (created.body as { id: number }).id;
  const updated = await call(s.github, "PATCH", `/repos/acme/web/check-runs/${id}`, {
    token: s.token,
    body: { output: { title: "a", summary: "2", annotations: [] } },
  });
  expect(updated.status).toBe(200);
  expect(s.github.repository("acme", "web").checkRuns.map((r) => [r.name, r.summary])).toEqual([
    ["audit", "2"],
  ]);
  expect(
    (await call(s.github, "PATCH", "/repos/acme/web/check-runs/99999", { token: s.token, body: {} })).status,
  ).toBe(404);
});
