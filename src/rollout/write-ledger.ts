/**
 * One job's account with the content budget. The job reserves what its plan will write before its first write
 * (`reserveUpfront`); every GitHub write it then makes is taken from that reservation by a hook on the job's
 * installation client (`attach`), so no write of any kind escapes the budget, counted or not, and is counted by
 * the budget from the moment it is sent, as GitHub counts it. A write beyond the
 * reservation reserves one more: backfill is deferred when refused; a command (someone waits for its reply) waits
 * for the budget on the clock instead, so its one reply is never lost to a re-run.
 */
import type { ProbotOctokit } from "probot";
import { Deferral } from "./deferral.js";
import type { JobPriority } from "./job.js";
import type { Clock, WriteBudget } from "./ports.js";

export interface LedgerOptions {
  budget: WriteBudget;
  clock: Clock;
  installationId: number;
  priority: JobPriority;
  /** Wait for the budget instead of deferring the job (commands, once they have claimed their comment). */
  waitWhenRefused: boolean;
}

interface RequestOptions {
  method?: string;
  url?: string;
  query?: unknown;
}

export class WriteLedger {
  #reserved = 0;
  #spent = 0;

  constructor(private readonly options: LedgerOptions) {}

  get spent(): number {
    return this.#spent;
  }

  /** Reserves `writes` before the first of them, or throws a `Deferral` saying when the budget frees. */
  async reserveUpfront(writes: number, what: string): Promise<void> {
    if (writes <= 0) return;
    const { budget, installationId, priority } = this.options;
    const answer = await budget.reserve(installationId, writes, priority);
    if (!answer.granted) throw new Deferral(answer.retryAtMs, `content budget spent (${what})`);
    this.#reserved += writes;
  }

  /** Makes every write through `octokit` come out of this ledger. */
  attach(octokit: ProbotOctokit): void {
    octokit.hook.before("request", async (request: RequestOptions) => {
      if (isContentWrite(request)) await this.#take();
    });
  }

  async #take(): Promise<void> {
    this.#spent++;
    if (this.#reserved > 0) this.#reserved--;
    else await this.#reserveOne();
    // GitHub counts the write from now, when it is sent, whenever it was reserved.
    await this.options.budget.sent(this.options.installationId);
  }

  async #reserveOne(): Promise<void> {
    const { budget, clock, installationId, priority, waitWhenRefused } = this.options;
    for (;;) {
      const answer = await budget.reserve(installationId, 1, priority);
      if (answer.granted) return;
      if (!waitWhenRefused) throw new Deferral(answer.retryAtMs, "content budget spent");
      await new Promise<void>((resolve) => clock.setTimer(resolve, answer.retryAtMs - clock.now()));
    }
  }
}

/**
 * What GitHub counts as content-generating: every REST write and every GraphQL mutation; not reads, not GraphQL
 * queries, and not the app's own token requests (made with the app's JWT, outside any installation's budget).
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export function isContentWrite(request: RequestOptions): boolean {
  const method = (request.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD") return false;
  const url = request.url ?? "";
  if (url.endsWith("/access_tokens")) return false;
  if (url === "/graphql" || url.endsWith("/graphql"))
    return typeof request.query === "string" && /^\s*mutation\b/m.test(request.query);
  return true;
}
