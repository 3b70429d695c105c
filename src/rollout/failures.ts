/**
 * Jobs the queue gave up on, per repository (or org), for where people look: the dashboard lists them, the log has
 * the error. A later success clears the entry; the sweep re-observes the repository and queues it again anyway.
 */
import { type Job, jobKey } from "./job.js";

export interface FailureEntry {
  job: Job;
  error: string;
  atMs: number;
}

export class FailureRecord {
  readonly #entries = new Map<string, FailureEntry>();

  constructor(private readonly now: () => number) {}

  record(job: Job, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#entries.set(jobKey(job), { job, error: message, atMs: this.now() });
  }

  /** True when the job had given up before (it has now recovered). */
  clear(job: Job): boolean {
    return this.#entries.delete(jobKey(job));
  }

  list(installationId?: number): FailureEntry[] {
    return [...this.#entries.values()].filter(
      (e) => installationId === undefined || e.job.installationId === installationId,
    );
  }
}
