// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions (${{ }}) are test data here, not template mistakes.
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { ECOSYSTEMS } from "../../src/config/policy-schema.js";
import { renderWorkflow } from "../../src/workflow/render-workflow.js";
import { PINNED_SHA, workflowInput } from "./fixtures.js";

/** setup-jfrog-cli's action.yml inputs, copied from the action (not imported from the code under test). */
const SETUP_JFROG_CLI_INPUTS = [
  "version",
  "download-repository",
  "oidc-provider-name",
  "oidc-audience",
  "disable-job-summary",
  "disable-auto-build-publish",
  "disable-auto-evidence-collection",
  "custom-server-id",
  "ghe-base-url",
];

interface ParsedStep {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  run?: string;
}
interface ParsedJob {
  permissions: unknown;
  env: Record<string, string>;
  steps: ParsedStep[];
}
interface ParsedWorkflow {
  name: string;
  on: Record<string, { branches?: string[]; tags?: string[] } | null>;
  permissions: unknown;
  jobs: Record<string, ParsedJob>;
}

function render(options: Parameters<typeof workflowInput>[0] = {}) {
  const text = renderWorkflow(workflowInput(options));
  const workflow = parse(text) as ParsedWorkflow;
  const jobs = Object.values(workflow.jobs);
  const job = jobs[0] as ParsedJob;
  const setup = job.steps.find((s) => s.uses?.startsWith("jfrog/setup-jfrog-cli@"));
  if (!setup) throw new Error("no setup-jfrog-cli step");
  return { text, workflow, jobs, job, setup };
}

const PUBLISHING = /\b(publish|deploy|upload|push|artifactoryPublish|go-publish)\b/;

describe.each(ECOSYSTEMS)("%s workflow", (ecosystem) => {
  test("least privilege: nothing at workflow level, exactly contents:read + id-token:write on the one job", () => {
    const { workflow, jobs, job } = render({ ecosystem });
    expect(workflow.permissions).toEqual({});
    expect(jobs).toHaveLength(1);
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  test("setup-jfrog-cli gets only real inputs, with the integration's name and audience", () => {
    const { setup } = render({ ecosystem, provider: { name: "github-acme", audience: "api://jfrog/acme" } });
    expect(setup.id).toBe("jfrog");
    expect(SETUP_JFROG_CLI_INPUTS).toEqual(expect.arrayContaining(Object.keys(setup.with ?? {})));
    expect(setup.with?.["oidc-provider-name"]).toBe("github-acme");
    expect(setup.with?.["oidc-audience"]).toBe("api://jfrog/acme");
  });

  test("no script interpolates an expression; values reach scripts through env", () => {
    const { job } = render({
      ecosystem,
      workflow: { triggers: { pullRequest: true, tags: ["v*"] } },
    });
    for (const step of job.steps) expect(step.run ?? "").not.toContain("${{");
  });

  test("publish off: no deploy repository and no publishing step", () => {
    const { job } = render({ ecosystem, workflow: { publish: false } });
    expect(job.env).not.toHaveProperty("JFROG_DEPLOY_REPO");
    expect(job.env.JFROG_RESOLVE_REPO).toBe(`${ecosystem}-virtual`);
    for (const step of job.steps) expect(step.run ?? "").not.toMatch(PUBLISHING);
  });

  test("publish on: repositories from policy, build info published last", () => {
    const { job } = render({
      ecosystem,
      workflow: { repositories: { [ecosystem]: { resolve: "team-remote", deploy: "team-release" } } },
    });
    expect(job.env.JFROG_RESOLVE_REPO).toBe("team-remote");
    expect(job.env.JFROG_DEPLOY_REPO).toBe("team-release");
    expect(job.steps.at(-1)?.run).toContain("jf rt build-publish");
  });

  test("with pull requests on, every publishing step is skipped for pull requests", () => {
    const { job } = render({ ecosystem, workflow: { triggers: { pullRequest: true } } });
    const publishing = job.steps.filter((s) => s.run && PUBLISHING.test(s.run) && !s.run.includes("-config"));
    expect(publishing.length).toBeGreaterThan(0);
    for (const step of publishing) expect(step.if).toContain("github.event_name != 'pull_request'");
  });
});

describe("JF_URL", () => {
  test("the operator's URL, literally", () => {
    expect(render({ jfrogUrl: "https://acme.jfrog.io" }).job.env.JF_URL).toBe("https://acme.jfrog.io");
  });

  test("an Actions variable when the policy says so", () => {
    const { job } = render({ workflow: { jfrogUrl: { from: "variable", name: "JFROG_URL" } } });
    expect(job.env.JF_URL).toBe("${{ vars.JFROG_URL }}");
  });

  test.each([
    "http://acme.jfrog.io",
    "https://user:pw@acme.jfrog.io",
    "acme.jfrog.io",
    "https://acme.jfrog.io?x=1",
  ])("refuses %s", (jfrogUrl) => {
    expect(() => render({ jfrogUrl })).toThrow(/must be an https:\/\/ URL/);
  });
});

describe("setup-jfrog-cli reference", () => {
  test("a version tag", () => {
    expect(render({ workflow: { setupJfrogCli: { version: "v5" } } }).setup.uses).toBe(
      "jfrog/setup-jfrog-cli@v5",
    );
  });

  test("a pinned SHA with the version as a line comment", () => {
    const { setup, text } = render({ workflow: { setupJfrogCli: { version: "v5.1.0", sha: PINNED_SHA } } });
    expect(setup.uses).toBe(`jfrog/setup-jfrog-cli@${PINNED_SHA}`);
    expect(text).toContain(`uses: jfrog/setup-jfrog-cli@${PINNED_SHA} # v5.1.0\n`);
  });

  test("refuses a SHA that is not a full commit SHA", () => {
    expect(() => render({ workflow: { setupJfrogCli: { version: "v5", sha: "deadbeef" } } })).toThrow();
    const input = workflowInput();
    input.workflow.setupJfrogCli.sha = "main";
    expect(() => renderWorkflow(input)).toThrow(/workflow\.setupJfrogCli is invalid/);
  });
});

describe("triggers", () => {
  test("defaults: pushes to the default branch and manual runs", () => {
    const { workflow } = render({ repository: { defaultBranch: "trunk" } });
    expect(workflow.on).toEqual({ push: { branches: ["trunk"] }, workflow_dispatch: null });
  });

  test("everything on", () => {
    const { workflow } = render({
      workflow: {
        triggers: {
          push: ["$default", "release/*", "main"],
          tags: ["v*"],
          pullRequest: true,
          workflowDispatch: false,
        },
      },
    });
    expect(workflow.on).toEqual({
      push: { branches: ["main", "release/*"], tags: ["v*"] },
      pull_request: { branches: ["main", "release/*"] },
    });
  });

  test("tags only", () => {
    const { workflow } = render({
      workflow: { triggers: { push: [], tags: ["v*"], workflowDispatch: false } },
    });
    expect(workflow.on).toEqual({ push: { tags: ["v*"] } });
  });

  test("refuses a workflow no event can start", () => {
    expect(() => render({ workflow: { triggers: { push: [], workflowDispatch: false } } })).toThrow(
      /enables no event/,
    );
  });
});
