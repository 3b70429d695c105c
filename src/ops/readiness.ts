/**
 * Readiness for an orchestrator (`GET /readyz`): ready only once every named check has passed (settings valid,
 * JFrog answered, GitHub answered), and not ready again while one fails, so traffic is held back instead of
 * being accepted into work that cannot run. Start-up and the daily token check report into it.
 */
export interface Readiness {
  ready: boolean;
  /** Why not, one line per failing or pending check, for the operator (never a secret). */
  reasons: string[];
}

export type ReadinessCheck = "settings" | "jfrog" | "github" | "jfrog-token";

export class ReadinessChecks {
  readonly #state = new Map<ReadinessCheck, { ok: boolean; reason: string }>();

  /** Every check starts pending: not ready until each has passed once. */
  constructor(checks: readonly ReadinessCheck[] = ["settings", "jfrog", "github"]) {
    for (const check of checks) this.#state.set(check, { ok: false, reason: `${check}: not checked yet` });
  }

  pass(check: ReadinessCheck): void {
    this.#state.set(check, { ok: true, reason: "" });
  }

  fail(check: ReadinessCheck, reason: string): void {
    this.#state.set(check, { ok: false, reason: `${check}: ${reason}` });
  }

  readiness = (): Readiness => {
    const reasons = [...this.#state.values()].filter((s) => !s.ok).map((s) => s.reason);
    return { ready: reasons.length === 0, reasons };
  };
}
