/**
 * What an emulator saw: method, path, query, the JSON body it read and the status it answered. Never headers
 * (tokens live there), and no body on routes whose body is itself a credential (see `recordBody`).
 */
export interface RequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The status answered; 0 when the connection was dropped without an answer. */
  status: number;
  /** The JSON body the emulator read (absent when it read none), so a test can assert exactly what was sent. */
  body?: unknown;
  /**
   * When the answer was recorded (`performance.now()`, monotonic, shared by every emulator of the process): orders
   * requests across emulators, e.g. that JFrog accepted a mapping before GitHub saw the first write of its PR.
   */
  at: number;
}

/** Told of each answer after the emulator acted on the request and before the client reads the answer. */
export type AnswerListener = (record: RequestRecord) => void;

export class RequestLog {
  #records: RequestRecord[] = [];
  readonly #listeners = new Set<AnswerListener>();

  add(record: Omit<RequestRecord, "at">): void {
    const frozen = deepFreeze({ ...record, query: { ...record.query }, at: performance.now() });
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

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
