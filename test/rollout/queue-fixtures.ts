/** Jobs and helpers shared by the queue tests: jobs are data, so the handler decides what each one does. */
import type { CommandJob, JobPriority, ReconcileJob } from "../../src/rollout/job.js";

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
