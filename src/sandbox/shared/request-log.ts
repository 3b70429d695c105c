/** What an emulator saw: method, path, query and the status it answered. Never headers or bodies (tokens). */
export interface RequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The status answered; 0 when the connection was dropped without an answer. */
  status: number;
}

/** Told of each answer after the emulator acted on the request and before the client reads the answer. */
export type AnswerListener = (record: RequestRecord) => void;

export class RequestLog {
  #records: RequestRecord[] = [];
  readonly #listeners = new Set<AnswerListener>();

  add(record: RequestRecord): void {
    const frozen = Object.freeze({ ...record, query: Object.freeze({ ...record.query }) });
    this.#records.push(frozen);
    for (const listener of this.#listeners) listener(frozen);
  }

  /**
   * Calls `listener` synchronously for every answer from now on, so a test can act at that exact point (the chaos
   * suite kills the app there: the write is done, the app never hears of it). Returns the unsubscribe.
   */
  onAnswer(listener: AnswerListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** A copy: later requests do not change an array a test already holds. */
  get records(): readonly RequestRecord[] {
    return [...this.#records];
  }

  get count(): number {
    return this.#records.length;
  }

  /** The records from index `start` on (a copy), so a caller polling for news pays only for what is new. */
  since(start: number): readonly RequestRecord[] {
    return this.#records.slice(start);
  }

  clear(): void {
    this.#records = [];
  }
}
