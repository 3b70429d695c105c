/** Jobs and helpers shared by the queue tests: jobs are data, so the handler decides what each one does. */
import type { CommandJob, Job, JobPriority, ReconcileJob } from "../../src/rollout/job.js";
import type { JobQueue } from "../../src/rollout/ports.js";

export function reconcile(repoId: number, reason: string, priority: JobPriority = "event"): ReconcileJob {
  return {
    kind: "reconcile",
    installationId: 7,
    reason,
    priority,
    repository: { owner: "acme", name: `repo-${repoId}`, ownerId: 5, repoId },
  };
}

export function command(repoId: number, reason: string): CommandJob {
  return {
    kind: "command",
    installationId: 7,
    reason,
    priority: "command",
    repository: { owner: "acme", name: `repo-${repoId}`, ownerId: 5, repoId },
    comment: { id: repoId * 10, body: "/jfrog-oidc status", author: "octocat", issueNumber: 1 },
    place: { ownerType: "Organization", isPublic: false },
  };
}

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export function recordingLog() {
  const lines: Array<{ level: string; obj: unknown; msg: string }> = [];
  const at = (level: string) => (obj: unknown, msg?: string) =>
    void lines.push({ level, obj, msg: msg ?? "" });
  return {
    lines,
    log: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
  };
}

/** Lets the queue's promise chains run (no timers involved). */
export const tick = () => new Promise((r) => setImmediate(r));

/**
 * Starts `queue` with a first job that holds its slot until `release()`: what is added meanwhile waits, and `runs`
 * records the order the queue then hands it out in (each job as `label` says, its reason by default).
 */
export async function heldQueue(
  queue: Pick<JobQueue, "start" | "add">,
  label: (job: Job) => string = (job) => job.reason,
): Promise<{ runs: string[]; release(): void }> {
  const gate = deferred();
  const runs: string[] = [];
  queue.start(async (job) => {
    if (job.reason === "blocker") await gate.promise;
    else runs.push(label(job));
    return { status: "done" };
  });
  await queue.add(reconcile(1, "blocker"));
  return { runs, release: gate.resolve };
}
