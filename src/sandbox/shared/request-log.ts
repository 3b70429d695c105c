/** What an emulator saw: method, path, query and the status it answered. Never headers or bodies (tokens). */
export interface RequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The status answered; 0 when the connection was dropped without an answer. */
  status: number;
}

export class RequestLog {
  #records: RequestRecord[] = [];

  add(record: RequestRecord): void {
    this.#records.push(Object.freeze({ ...record, query: Object.freeze({ ...record.query }) }));
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
