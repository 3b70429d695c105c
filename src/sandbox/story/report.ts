/**
 * How the sandbox prints its story: numbered steps that pass (✓) or fail (✗ with the reason), indented details,
 * and colour only on a terminal. A failing step ends the story; `failed` names it for the exit message.
 */
export interface Output {
  write(text: string): void;
  isTTY?: boolean;
}

export class StepFailure extends Error {
  override name = "StepFailure";
}

/** Throws a {@link StepFailure} with `message` unless `ok`. */
export function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new StepFailure(message);
}

export class Report {
  #step = 0;
  failed: { step: number; title: string; reason: string } | undefined;

  constructor(private readonly out: Output) {}

  #paint(code: number, text: string): string {
    return this.out.isTTY ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  line(text = ""): void {
    this.out.write(`${text}\n`);
  }

  heading(text: string): void {
    this.line();
    this.line(this.#paint(1, text));
  }

  /** Indented detail lines under the current step. */
  detail(text: string, indent = 5): void {
    for (const line of text.split("\n")) this.line(`${" ".repeat(indent)}${line}`);
  }

  dim(text: string): string {
    return this.#paint(2, text);
  }

  /**
   * Runs one step unless an earlier one failed, and prints its outcome, then what it showed (`show` lines,
   * indented under it). Returns whether it passed.
   */
  async step(
    title: string,
    run: (show: (text: string) => void) => Promise<string | undefined> | string | undefined,
  ): Promise<boolean> {
    if (this.failed) return false;
    this.#step += 1;
    const number = String(this.#step).padStart(2);
    const shown: string[] = [];
    const show = (text: string) => void shown.push(text);
    try {
      const outcome = await run(show);
      this.line(
        `${number}. ${this.#paint(32, "✓")} ${title}${outcome ? ` ${this.dim(`— ${outcome}`)}` : ""}`,
      );
      for (const text of shown) this.detail(text);
      return true;
    } catch (error) {
      const reason =
        error instanceof StepFailure ? error.message : `unexpected error: ${(error as Error).stack ?? error}`;
      this.line(`${number}. ${this.#paint(31, "✗")} ${title}`);
      for (const text of shown) this.detail(text);
      this.detail(this.#paint(31, reason));
      this.failed = { step: this.#step, title, reason };
      return false;
    }
  }
}
