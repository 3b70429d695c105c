/**
 * `jfrog-oidc-rollout plan` end to end: the real CLI code against the GitHub and JFrog emulators, in the three
 * formats, read-only; bad input gives one clear message on stderr and exit code 1.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { parse } from "@cdktf/hcl2json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { type CliWorld, startCliWorld } from "./cli-world.js";

let world: CliWorld;
beforeAll(async () => {
  world = await startCliWorld();
});
afterAll(async () => {
  await world.close();
});

async function cli(argv: string[], env: Record<string, string> = world.env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    env,
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    { jfrogClientOptions: { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, timeoutMs: 2_000 } },
  );
  const stdout = out.join("");
  const stderr = err.join("");
  // The emulator's token is not a JWT, so every run warns first; the problem follows.
  const problem = stderr
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("warning: "))
    .join("\n");
  return { code, stdout, stderr, problem };
}

const schema = JSON.parse(
  readFileSync(new URL("./fixtures/platform-oidc-identity-mapping.schema.json", import.meta.url), "utf8"),
) as {
  resource: string;
  required: Record<string, string>;
  optional: Record<string, string>;
  token_spec: Record<string, string>;
};

describe("plan --format table", () => {
  it("prints one line per repository with its state and actions, and writes nothing", async () => {
    const writesBefore = world.github.requests.filter(
      (r) => r.method !== "GET" && !r.path.endsWith("/graphql") && !r.path.endsWith("/access_tokens"),
    ).length;
    const jfrogBefore = world.jfrog.state.mappings.length;
    const { code, stdout, stderr } = await cli(["plan", "--org", "acme"]);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      'ORG         the JFrog OIDC integration "github-acme" exists and matches the org policy',
      "",
    ]);
    expect(lines[2]).toMatch(/^REPOSITORY\s+STATE\s+ACTIONS\s+NOTE$/);
    const row = (name: string) =>
      lines
        .find((l) => l.startsWith(`acme/${name} `))
        ?.split(/\s{2,}/)
        .slice(0, 3);
    expect(row("api")).toEqual(["acme/api", "pending", "create-mapping, open-pull-request"]);
    expect(row("docs")).toEqual(["acme/docs", "excluded", "-"]);
    expect(row("empty")).toEqual(["acme/empty", "waiting-first-push", "create-mapping"]);
    expect(row("done")).toEqual(["acme/done", "onboarded", "-"]);
    // api and empty; the .github repository is out of scope and its policy file is not read as its own config.
    expect(stdout).toContain("5 repositories in acme; 2 with actions.");
    const writesAfter = world.github.requests.filter(
      (r) => r.method !== "GET" && !r.path.endsWith("/graphql") && !r.path.endsWith("/access_tokens"),
    ).length;
    expect(writesAfter).toBe(writesBefore);
    expect(world.jfrog.state.mappings).toHaveLength(jfrogBefore);
  });
});

describe("plan for an org whose integration the app would create", () => {
  it("prints the create as the org's action first, plans its repositories as if done, and writes nothing", async () => {
    const jfrogBefore = world.jfrog.requests.length;
    const { code, stdout, stderr } = await cli(["plan", "--org", "fresh"]);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(
      'ORG ACTION  create the JFrog OIDC integration "github-fresh" (provider type GitHub, issuer ' +
        "https://token.actions.githubusercontent.com, audience jfrog-github, organization fresh)",
    );
    expect(
      lines
        .find((l) => l.startsWith("fresh/api "))
        ?.split(/\s{2,}/)
        .slice(0, 3),
    ).toEqual(["fresh/api", "pending", "create-mapping, open-pull-request"]);
    // Read only: the integration is read once, its mappings (there can be none) are not listed.
    expect(world.jfrog.requests.slice(jfrogBefore).map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /access/api/v1/oidc/github-fresh",
    ]);
    expect(world.jfrog.state.integrations.map((i) => i.name)).not.toContain("github-fresh");
  });

  it("gives the create with its exact fields in JSON", async () => {
    const { code, stdout } = await cli(["plan", "--org", "fresh", "--format", "json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.integration).toBe("create-integration");
    expect(doc.orgActions).toEqual([
      {
        kind: "create-integration",
        integration: {
          name: "github-fresh",
          issuer_url: "https://token.actions.githubusercontent.com",
          provider_type: "GitHub",
          audience: "jfrog-github",
          organization: "fresh",
          description: "[jfrog-oidc-rollout] GitHub Actions of the fresh organization",
        },
      },
    ]);
  });

  it("says in JSON when the integration exists and matches: no org action", async () => {
    const doc = JSON.parse((await cli(["plan", "--org", "acme", "--format", "json"])).stdout);
    expect(doc).toMatchObject({ integration: "integration-matches", orgActions: [] });
  });
});

describe("plan with repositories.dotGithub", () => {
  it("plans the .github repository under the org policy, not with that policy read as its own config", async () => {
    const { code, stdout, stderr } = await cli(["plan", "--org", "dotorg", "--format", "json"]);
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const dotGithub = doc.repositories.find((r: { repository: string }) => r.repository === "dotorg/.github");
    expect(dotGithub.state).toBe("pending");
    expect(dotGithub.actions.map((a: { kind: string }) => a.kind)).toEqual([
      "create-mapping",
      "open-pull-request",
    ]);
    expect(dotGithub.mapping.claims).toMatchObject({ repository: "dotorg/.github" });
  });
});

describe("plan --format json", () => {
  it("prints the plan as JSON: states, action summaries and the desired mapping", async () => {
    const { code, stdout } = await cli(["plan", "--org", "acme", "--format", "json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ org: "acme", provider: "github-acme" });
    expect(doc.counts).toEqual({ excluded: 2, onboarded: 1, pending: 1, "waiting-first-push": 1 });
    const api = doc.repositories.find((r: { repository: string }) => r.repository === "acme/api");
    expect(api.actions).toEqual([
      { kind: "create-mapping", mapping: `gh-o${api.ownerId}-r${api.repositoryId}` },
      {
        kind: "open-pull-request",
        branch: "jfrog-oidc/onboarding",
        path: ".github/workflows/jfrog-oidc.yml",
        title: "Add JFrog OIDC workflow",
      },
    ]);
    expect(api.mapping.claims).toMatchObject({
      repository: "acme/api",
      repository_id: String(api.repositoryId),
    });
    expect(
      doc.repositories.find((r: { repository: string }) => r.repository === "acme/docs").mapping,
    ).toBeNull();
  });
});

describe("plan --format terraform", () => {
  it("prints resources a real HCL parser reads, with exactly the provider's attribute names", async () => {
    const { code, stdout } = await cli(["plan", "--org", "acme", "--format", "terraform"]);
    expect(code).toBe(0);
    const parsed = (await parse("acme.tf", stdout)) as {
      resource: Record<string, Record<string, Array<Record<string, unknown>>>>;
      import?: Array<{ to: string; id: string }>;
    };
    expect(Object.keys(parsed.resource)).toEqual([schema.resource]);
    const resources = parsed.resource[schema.resource] ?? {};
    // In scope and kept by the app: api, empty and done (docs is excluded; `.github` is not onboarded by default).
    expect(Object.keys(resources)).toHaveLength(3);
    for (const [label, [body]] of Object.entries(resources)) {
      if (!body) throw new Error(`no body for ${label}`);
      const allowed = { ...schema.required, ...schema.optional };
      expect(Object.keys(body).filter((k) => !(k in allowed))).toEqual([]);
      expect(Object.keys(schema.required).filter((k) => !(k in body))).toEqual([]);
      for (const [key, type] of Object.entries(allowed))
        if (key in body) expect(typeof body[key], `${label}.${key}`).toBe(type);
      const spec = body.token_spec as Record<string, unknown>;
      expect(Object.keys(spec).filter((k) => !(k in schema.token_spec))).toEqual([]);
      for (const [key, value] of Object.entries(spec)) expect(typeof value).toBe(schema.token_spec[key]);
      expect(spec.scope).toBe('applied-permissions/groups:"ci-readers"');
      // claims_json is `jsonencode({...})`: read its object back with the same parser.
      const expression = String(body.claims_json);
      expect(expression).toMatch(/^\$\{jsonencode\(\{[\s\S]*\}\)\}$/);
      const inner = expression.slice("${jsonencode(".length, -")}".length);
      const claims = (
        (await parse("claims.tf", `claims = ${inner}\n`)) as { claims: Record<string, unknown> }
      ).claims;
      expect(claims).toMatchObject({
        iss: "https://token.actions.githubusercontent.com",
        repository: expect.stringMatching(/^acme\//),
      });
      expect(body.name).toBe(label);
    }
  });

  it("imports the mapping that already exists instead of creating it again", async () => {
    const { stdout } = await cli(["plan", "--org", "acme", "--format", "terraform"]);
    const done = world.github.repository("acme", "done");
    const name = `gh-o${done.ownerId}-r${done.id}`;
    const parsed = (await parse("acme.tf", stdout)) as { import?: Array<{ to: string; id: string }> };
    expect(parsed.import).toEqual([
      { to: `\${platform_oidc_identity_mapping.${name}}`, id: `${name}:github-acme` },
    ]);
  });
});

describe("bad input", () => {
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

  it.each([
    [["plan"], /--org is required/],
    [["plan", "--org", "acme", "--format", "yaml"], /--format must be one of table, json, terraform/],
    [["deploy", "--org", "acme"], /Unknown command/],
    [["plan", "--org", "acme", "--orgs", "x"], /Unknown option '--orgs'/],
  ])("%j → usage error", async (argv, message) => {
    const { code, stderr, stdout } = await cli(argv);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
    noStack(stderr);
  });

  it("names an organization that does not exist or has no installation", async () => {
    for (const org of ["no-such-org", "elsewhere"]) {
      const { code, problem } = await cli(["plan", "--org", org]);
      expect(code).toBe(1);
      expect(problem).toBe(
        `jfrog-oidc-rollout: The app is not installed on an organization named ${org} (check the name, and install the app there first)`,
      );
    }
  });

  it("lists an invalid policy's problems and plans nothing", async () => {
    const { code, stderr, stdout } = await cli(["plan", "--org", "broken"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/The org policy broken\/\.github:\.github\/jfrog-oidc\.yml is invalid/);
    expect(stderr).toMatch(/surprise/);
    noStack(stderr);
  });

  it("refuses an org whose integration differs from its policy, naming the difference, and plans nothing", async () => {
    const { code, stdout, problem } = await cli(["plan", "--org", "differs"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(problem).toBe(
      [
        "jfrog-oidc-rollout: The JFrog integration does not match the org policy; nothing would be written until it is fixed:",
        '  - the JFrog OIDC integration "github-acme" is for organization "acme", expected "differs"',
      ].join("\n"),
    );
  });

  it("says JFrog cannot be reached, without a stack trace or the token", async () => {
    const closed = await freePort();
    const { code, stderr, problem } = await cli(["plan", "--org", "acme"], {
      ...world.env,
      JFROG_URL: `http://127.0.0.1:${closed}`,
    });
    expect(code).toBe(1);
    expect(problem).toMatch(
      /^jfrog-oidc-rollout: JFrog unreachable while trying to read OIDC integration "github-acme"/,
    );
    expect(problem.split("\n")).toHaveLength(1);
    expect(stderr).not.toContain(world.env.JFROG_ACCESS_TOKEN);
    noStack(stderr);
  });

  it("says which setting is missing", async () => {
    const { APP_ID: _, ...withoutAppId } = world.env;
    expect((await cli(["plan", "--org", "acme"], withoutAppId)).stderr).toMatch(/APP_ID is not set/);
    const { JFROG_URL: __, ...withoutJfrog } = world.env;
    expect((await cli(["plan", "--org", "acme"], withoutJfrog)).stderr).toMatch(/JFROG_URL is not set/);
  });

  it("prints the usage for --help, exit 0", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: jfrog-oidc-rollout plan --org NAME/);
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}
