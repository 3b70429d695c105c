/**
 * Shared by the e2e scenarios: a world per test, retry timers fired by hand ("later" is when the test says),
 * and small readers of the emulators' state. The app is only ever driven through signed webhooks.
 */
import { parse } from "yaml";
import type { RepoSnapshot } from "../../src/sandbox/github/index.js";
import { startWorld, type World, type WorldOptions } from "../../src/sandbox/world.js";

export const WORKFLOW_PATH = ".github/workflows/jfrog-oidc.yml";
export const ONBOARDING_BRANCH = "jfrog-oidc/onboarding";

/** The queue's retry timers, held until the test fires them. */
export class ManualTimers {
  #pending: Array<() => void> = [];

  readonly setTimer = (fn: () => void) => {
    this.#pending.push(fn);
    return {
      cancel: () => {
        const at = this.#pending.indexOf(fn);
        if (at >= 0) this.#pending.splice(at, 1);
      },
    };
  };

  get pending(): number {
    return this.#pending.length;
  }

  fireAll(): void {
    for (const fire of this.#pending.splice(0)) fire();
  }
}

export async function testWorld(options: WorldOptions = {}): Promise<World> {
  return startWorld({
    // Fast, few JFrog retries inside one job; the queue's retries are the ones the scenarios look at.
    jfrogRetry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
}

/** Files on the onboarding branch that the default branch does not have (what the PR adds). */
export function addedFiles(repo: RepoSnapshot): Record<string, string> {
  const base = repo.files(repo.defaultBranch);
  return Object.fromEntries(
    Object.entries(repo.files(ONBOARDING_BRANCH)).filter(([path, text]) => base[path] !== text),
  );
}

interface WorkflowStep {
  uses?: string;
  with?: Record<string, string>;
}

/** The setup-jfrog-cli inputs and JF_URL of a rendered workflow: what the token exchange will use. */
export function workflowSettings(text: string) {
  const workflow = parse(text) as {
    jobs: Record<string, { env?: Record<string, string>; steps: WorkflowStep[] }>;
  };
  const job = Object.values(workflow.jobs)[0];
  const setup = job?.steps.find((s) => s.uses?.startsWith("jfrog/setup-jfrog-cli"));
  return {
    provider: setup?.with?.["oidc-provider-name"],
    audience: setup?.with?.["oidc-audience"],
    jfUrl: job?.env?.JF_URL,
  };
}

/** The mappings the app owns for a repository id (`gh-o<owner>-r<repo>`). */
export function mappingsFor(world: World, repo: RepoSnapshot) {
  return world.jfrog.state.mappings.filter((m) => m.name === `gh-o${repo.ownerId}-r${repo.id}`);
}
