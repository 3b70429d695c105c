/**
 * The sandbox's story, step by step, each one checked against the emulators' state: repositories are created →
 * mappings registered → PRs opened → a PR merged → the workflow's token exchange admitted for its own repository
 * and refused for another repository, an excluded ref and the wrong audience.
 */
import type { IdentityMapping } from "../../jfrog/types.js";
import type { RepoSnapshot } from "../github/index.js";
import { addedFiles, mappingsFor, ONBOARDING_BRANCH, WORKFLOW_PATH, workflowSettings } from "../observe.js";
import type { World } from "../world.js";
import { check, type Report } from "./report.js";

function mappingOf(world: World, repo: RepoSnapshot): IdentityMapping | undefined {
  return mappingsFor(world, repo)[0];
}

/** The PR's diff: the files it adds, as `+` lines. */
function diff(repo: RepoSnapshot): string {
  return Object.entries(addedFiles(repo))
    .map(([path, text]) =>
      [
        `--- /dev/null`,
        `+++ b/${path}`,
        ...text
          .trimEnd()
          .split("\n")
          .map((l) => `+${l}`),
      ].join("\n"),
    )
    .join("\n");
}

function indentJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

async function createRepository(world: World, name: string, files: Record<string, string> | undefined) {
  world.github.createRepository({ owner: world.org, name, ...(files && { files }) });
  await world.settle();
  const delivery = world.github.webhooks.deliveries.findLast((d) => d.event === "repository");
  check(
    delivery?.status === "OK",
    `the repository.created delivery was answered ${delivery?.status ?? "never"}`,
  );
  return world.github.repository(world.org, name);
}

/** Runs the story; the report records the first step that did not behave as expected. */
export async function tellStory(world: World, report: Report): Promise<void> {
  const { org, policy } = world;

  report.heading(`Organization ${org}: the app is installed, the org policy lives in ${org}/.github`);
  await report.step("the org policy and the JFrog integration agree", (show) => {
    const integration = world.jfrog.state.integrations.find((i) => i.name === policy.provider.name);
    check(integration !== undefined, `JFrog has no integration ${policy.provider.name}`);
    show(
      `claims.ref: ${JSON.stringify(policy.claims.ref)}   repositories.exclude: ${JSON.stringify(policy.repositories.exclude)}`,
    );
    show(
      `JFrog integration ${integration.name}: issuer ${integration.issuer_url}, audience ${integration.audience}`,
    );
    return undefined;
  });

  report.heading(`${org}/web, an npm repository, is created`);
  let web: RepoSnapshot | undefined;
  await report.step("GitHub delivers repository.created; the app answers 200", async () => {
    web = await createRepository(world, "web", {
      "package.json": '{ "name": "web" }\n',
      "README.md": "# web\n",
    });
    return `repository id ${web.id}, owner id ${web.ownerId}`;
  });
  await report.step("the app registers an identity mapping in JFrog, pinned to the immutable ids", (show) => {
    check(web !== undefined, "no repository");
    const mapping = mappingOf(world, web);
    check(mapping !== undefined, `JFrog has no mapping for ${web.fullName}`);
    check(mapping.claims.repository_id === String(web.id), "the mapping does not pin repository_id");
    check(
      mapping.claims.repository_owner_id === String(web.ownerId),
      "the mapping does not pin repository_owner_id",
    );
    check(mapping.claims.ref === "refs/heads/main", "the mapping does not narrow ref to the default branch");
    show(indentJson(mapping));
    return mapping.name;
  });
  await report.step("the app opens one PR that adds only the workflow", (show) => {
    check(web !== undefined, "no repository");
    web = world.github.repository(org, "web");
    const [pull, ...others] = web.pulls;
    check(pull !== undefined && others.length === 0, `expected one PR, found ${web.pulls.length}`);
    check(
      pull.head === ONBOARDING_BRANCH && pull.state === "open",
      `PR #${pull.number} is ${pull.state} from ${pull.head}`,
    );
    const text = diff(web);
    check(
      text.startsWith(`--- /dev/null\n+++ b/${WORKFLOW_PATH}`) && !text.includes("\n--- "),
      "the PR changes more than the workflow",
    );
    show(
      `#${pull.number} "${pull.title}"  ${pull.head} → ${pull.base}  labels ${JSON.stringify(pull.labels)}  reviewers ${JSON.stringify(pull.requestedReviewers)}`,
    );
    show(text);
    return `PR #${pull.number}`;
  });

  report.heading("More repositories: Maven, empty, excluded by the policy");
  await report.step(`${org}/api (pom.xml) gets a mapping and a Maven workflow`, async () => {
    const api = await createRepository(world, "api", { "pom.xml": "<project/>\n" });
    check(mappingOf(world, api) !== undefined, "no mapping");
    const workflow = api.files(ONBOARDING_BRANCH)[WORKFLOW_PATH] ?? "";
    check(api.pulls.length === 1 && /\bmvn\b|maven/i.test(workflow), "no PR with a Maven workflow");
    return `PR #${api.pulls[0]?.number}, Maven build`;
  });
  await report.step(
    `${org}/fresh is created empty: a mapping now, the PR waits for the first push`,
    async () => {
      const fresh = await createRepository(world, "fresh", undefined);
      check(fresh.empty && mappingOf(world, fresh) !== undefined, "no mapping for the empty repository");
      check(fresh.pulls.length === 0, "a PR was opened for an empty repository");
      return "no PR yet";
    },
  );
  await report.step("the first push to fresh opens its PR", async () => {
    world.github.push({
      owner: org,
      repo: "fresh",
      files: { "go.mod": "module example.com/fresh\n" },
      message: "First commit",
    });
    await world.settle();
    const fresh = world.github.repository(org, "fresh");
    check(fresh.pulls.length === 1, `expected one PR, found ${fresh.pulls.length}`);
    return `PR #${fresh.pulls[0]?.number}`;
  });
  await report.step(`${org}/docs matches repositories.exclude: no mapping, no PR`, async () => {
    const docs = await createRepository(world, "docs", { "README.md": "# docs\n" });
    check(mappingOf(world, docs) === undefined && docs.pulls.length === 0, "docs was onboarded");
    return undefined;
  });

  report.heading(`The PR of ${org}/web is merged and the workflow runs`);
  let workflow = "";
  await report.step("PR #1 is merged: the workflow is on main, nothing else changes", async () => {
    world.github.mergePullRequest(org, "web", 1);
    await world.settle();
    const merged = world.github.repository(org, "web");
    workflow = merged.files()[WORKFLOW_PATH] ?? "";
    check(workflow !== "", "the workflow is not on main");
    check(merged.pulls.length === 1, "the app opened another PR after the merge");
    return undefined;
  });
  await report.step("token exchange with an ID token of acme/web on main: granted", async (show) => {
    const { provider, audience } = workflowSettings(workflow);
    check(
      provider === policy.provider.name && audience === policy.provider.audience,
      "the workflow names another integration",
    );
    const answer = await world.exchange(await world.mintIdToken({ repo: "web", audience }), provider);
    const body = answer.body as {
      scope?: string;
      expires_in?: number;
      username?: string;
      access_token?: string;
    };
    check(answer.status === 200, `JFrog answered ${answer.status} ${JSON.stringify(answer.body)}`);
    check(body.scope === 'applied-permissions/groups:"ci-readers"', `unexpected scope ${body.scope}`);
    const claims = await world.jfrog.verifyAccessToken(body.access_token ?? "");
    const mapping = mappingOf(world, world.github.repository(org, "web"));
    check(
      claims.identity_mapping === mapping?.name,
      `granted by ${String(claims.identity_mapping)}, not web's mapping`,
    );
    show(`oidc-provider-name ${provider}, oidc-audience ${audience} (read from the merged workflow)`);
    show(indentJson({ ...body, access_token: `${body.access_token?.slice(0, 16)}…` }));
    return `scope ${body.scope}, ${body.expires_in} s`;
  });

  const denied = async (label: string, request: Parameters<World["mintIdToken"]>[0], status: number) =>
    report.step(label, async () => {
      const answer = await world.exchange(await world.mintIdToken(request));
      const reason = (answer.body as { errors?: Array<{ message?: string }> }).errors?.[0]?.message ?? "";
      check(answer.status === status, `JFrog answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return `${answer.status} ${reason}`;
    });
  await denied("denied: an ID token of another repository (acme/docs)", { repo: "docs" }, 401);
  await denied(
    "denied: acme/web on refs/heads/feature (policy: $default only)",
    { repo: "web", ref: "refs/heads/feature" },
    401,
  );
  await denied(
    "denied: acme/web with GitHub's default audience instead of the integration's",
    { repo: "web", audience: `https://github.com/${org}` },
    400,
  );
  const webIds = world.github.repository(org, "web");
  await denied(
    "denied: a re-created acme/web (same name, new repository id)",
    { repo: "web", repoId: webIds.id + 10_000, ownerId: webIds.ownerId },
    401,
  );

  report.heading("What it cost");
  await report.step("every webhook was delivered and accepted", (show) => {
    const deliveries = world.github.webhooks.deliveries;
    const failed = deliveries.filter((d) => d.status !== "OK");
    check(
      failed.length === 0,
      `${failed.length} deliveries failed: ${failed.map((d) => `${d.event} ${d.status}`).join(", ")}`,
    );
    const byEvent = new Map<string, number>();
    for (const d of deliveries) {
      const name = d.action ? `${d.event}.${d.action}` : d.event;
      byEvent.set(name, (byEvent.get(name) ?? 0) + 1);
    }
    show([...byEvent].map(([name, n]) => `${name} ×${n}`).join(", "));
    return `${deliveries.length} deliveries`;
  });
  await report.step(
    "GitHub requests per repository (content-generating ones count against 80/min, 500/h)",
    (show) => {
      for (const [repo, usage] of Object.entries(world.github.usage()).sort())
        show(
          `${repo.padEnd(14)} ${String(usage.requests).padStart(3)} requests, ${usage.contentRequests} content-generating, ${usage.rateLimited} rate-limited`,
        );
      return undefined;
    },
  );
}
