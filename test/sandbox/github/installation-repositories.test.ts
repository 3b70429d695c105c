/** `GET /installation/repositories` pages like GitHub: `per_page` ≤ 100, a `Link` header `octokit.paginate` follows. */
import { afterEach, describe, expect, it } from "vitest";
import { ORG, type OrgEmulator, orgEmulator } from "../../github/org-emulator.js";

let env: OrgEmulator | undefined;
afterEach(async () => {
  await env?.github.close();
  env = undefined;
});

describe("GET /installation/repositories", () => {
  it("pages 250 repositories in 3 requests of 100, oldest first, only the installation's", async () => {
    env = await orgEmulator((github) => {
      for (let i = 0; i < 250; i++) github.createRepository({ owner: ORG, name: `svc-${i}` });
    });
    const before = env.github.requests.length;
    const repos = await env.octokit.paginate("GET /installation/repositories", { per_page: 100 });
    const listed = env.github.requests
      .slice(before)
      .filter((r) => r.path.endsWith("/installation/repositories"));
    expect(listed.map((r) => r.query.page ?? "1")).toEqual(["1", "2", "3"]);
    expect(repos.map((r) => r.name)).toEqual(Array.from({ length: 250 }, (_, i) => `svc-${i}`));
  });

  it("answers GitHub's default page of 30 with the total count and a next link", async () => {
    env = await orgEmulator((github) => {
      for (let i = 0; i < 31; i++) github.createRepository({ owner: ORG, name: `svc-${i}` });
    });
    const { data, headers } = await env.octokit.request("GET /installation/repositories");
    expect(data.total_count).toBe(31);
    expect(data.repositories).toHaveLength(30);
    expect(headers.link).toMatch(/[?&]page=2>; rel="next"/);
  });
});
