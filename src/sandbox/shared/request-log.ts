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

export class RequestLog {
  #records: RequestRecord[] = [];

  add(record: Omit<RequestRecord, "at">): void {
    this.#records.push(deepFreeze({ ...record, query: { ...record.query }, at: performance.now() }));
  }

  /** A copy: later requests do not change an array a test already holds. */
  get records(): readonly RequestRecord[] {
    return [...this.#records];
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
