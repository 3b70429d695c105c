/**
 * Shared by the e2e scenarios: a world per test, retry timers fired by hand ("later" is when the test says),
 * and small readers of the emulators' state. The app is only ever driven through signed webhooks.
 */
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import type { RepoSnapshot } from "../../src/sandbox/github/index.js";
import { startWorld, type World, type WorldOptions } from "../../src/sandbox/world.js";

export {
  addedFiles,
  mappingsFor,
  ONBOARDING_BRANCH,
  WORKFLOW_PATH,
  workflowSettings,
} from "../../src/sandbox/observe.js";

export async function testWorld(options: WorldOptions = {}): Promise<World> {
  return startWorld({
    // Fast, few JFrog retries inside one job; the queue's retries are the ones the scenarios look at.
    jfrogRetry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
}

/** The app's account: the author of its replies and reactions. */
export const APP_BOT = "jfrog-oidc-rollout[bot]";

/**
 * The app's replies to one comment, oldest first, without the hidden first line that names the comment they
 * answer (`<!-- jfrog-oidc-rollout:reply comment=<id> command=<i>/<n> -->`).
 */
export function repliesTo(repo: RepoSnapshot, commentId: number): string[] {
  const marker = `<!-- jfrog-oidc-rollout:reply comment=${commentId} command=`;
  return repo.comments
    .filter((c) => c.author === APP_BOT && c.body.startsWith(marker))
    .map((c) => c.body.slice(c.body.indexOf("\n") + 1));
}

/** Reactions on one comment as `content by login`. */
export function reactionsOn(repo: RepoSnapshot, commentId: number): string[] {
  const comment = repo.comments.find((c) => c.id === commentId);
  if (!comment) throw new Error(`no comment ${commentId} in ${repo.fullName}`);
  return comment.reactions.map((r) => `${r.content} by ${r.user}`);
}

/** Where the emulators' request logs end now: pass it to `requestsSince` later. */
export function requestMark(world: World) {
  return { github: world.github.requests.length, jfrog: world.jfrog.requests.length };
}

/**
 * What the app asked of each emulator since `mark`, as `METHOD path` (REST paths without GitHub's `/api/v3`),
 * leaving out the app's installation-token requests, which it makes whenever its cached token runs out.
 */
export function requestsSince(world: World, mark: { github: number; jfrog: number }) {
  const github = world.github.requests
    .slice(mark.github)
    .filter((r) => !r.path.endsWith("/access_tokens"))
    .map((r) => `${r.method} ${r.path.replace(/^\/api\/v3/, "")}`);
  const jfrog = world.jfrog.requests.slice(mark.jfrog).map((r) => `${r.method} ${r.path}`);
  return { github, jfrog };
}

/** The JSON bodies the app sent to `METHOD path` of one emulator since `mark` (REST paths without `/api/v3`). */
export function bodiesSent(
  world: World,
  service: "github" | "jfrog",
  route: string,
  mark = { github: 0, jfrog: 0 },
): unknown[] {
  return world[service].requests
    .slice(mark[service])
    .filter((r) => `${r.method} ${r.path.replace(/^\/api\/v3/, "")}` === route)
    .map((r) => r.body);
}

/** A person's comment, then everything it set off: returns the comment's id once the world has settled. */
export async function comment(
  world: World,
  where: { repo: string; number: number },
  body: string,
  as?: string,
): Promise<number> {
  const id = world.github.comment(world.org, where.repo, where.number, body, as);
  await world.settle();
  return id;
}

/**
 * GitHub's own `installation`/`installation_repositories` example for `action`, pointed at the world's org and
 * installation, sent signed to the app. (The emulator announces repository and comment events by itself, not these.)
 */
export async function sendInstallationEvent(
  world: World,
  event: "installation" | "installation_repositories",
  action: string,
  edit: (payload: Record<string, unknown>) => void = () => {},
) {
  const found = (examples as Array<{ name: string; examples: Array<Record<string, unknown>> }>)
    .find((e) => e.name === event)
    ?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${event}.${action} example`);
  const payload = structuredClone(found) as Record<string, unknown> & {
    installation: { id: number; account: Record<string, unknown> };
  };
  const orgId = world.github.repository(world.org, ".github").ownerId;
  payload.installation.id = world.installationId;
  Object.assign(payload.installation.account, { login: world.org, id: orgId, type: "Organization" });
  edit(payload);
  const record = await world.github.webhooks.send(event, payload);
  await world.settle();
  return record;
}
