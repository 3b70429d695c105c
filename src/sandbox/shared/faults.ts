/**
 * Fault injection for the emulators: make chosen routes answer an error status, answer slowly, or drop the
 * connection, a given number of times. Rules are checked in the order added; the first live match fires.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { HttpResponse } from "./http.js";

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Tested against the request path without its query (any path when omitted). */
  pathPattern?: RegExp;
  /** How many matching requests it affects; unlimited when omitted. */
  times?: number;
  /** Answer this status instead of handling the request. */
  status?: number;
  /** Body of that answer; the emulator's own error shape for `status` when omitted. */
  body?: unknown;
  /** Sends `Retry-After: <seconds>` with the answer (needs `status`). */
  retryAfterSeconds?: number;
  /** Waits this long first; alone, the request is then handled normally (a slow server). */
  latencyMs?: number;
  /** Destroys the socket without answering (after `latencyMs`, if any). */
  dropConnection?: boolean;
}

export interface FaultHandle {
  /** Requests it has affected so far. */
  readonly hits: number;
  remove(): void;
}

/** What an emulator exposes of its faults: tests add and clear them; only its front door takes them. */
export interface FaultControl {
  add(spec: FaultSpec): FaultHandle;
  clear(): void;
}

export type FaultOutcome = { kind: "pass" } | { kind: "drop" } | { kind: "respond"; response: HttpResponse };

interface Rule {
  spec: FaultSpec;
  pattern: RegExp | undefined;
  hits: number;
}

const isInteger = (value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER) =>
  value === undefined || (Number.isInteger(value) && value >= min && value <= max);

function checkSpec(spec: FaultSpec): void {
  const rules: Array<[broken: boolean, message: string]> = [
    [!isInteger(spec.times, 1), "times must be an integer ≥ 1"],
    [!isInteger(spec.status, 100, 599), "status must be an HTTP status code"],
    [
      spec.latencyMs !== undefined && !(Number.isFinite(spec.latencyMs) && spec.latencyMs >= 0),
      "latencyMs must be a finite number ≥ 0",
    ],
    [
      Boolean(spec.dropConnection) && spec.status !== undefined,
      "dropConnection and status exclude each other",
    ],
    [
      (spec.body !== undefined || spec.retryAfterSeconds !== undefined) && spec.status === undefined,
      "body and retryAfterSeconds need a status",
    ],
    [spec.status === undefined && !spec.dropConnection && !spec.latencyMs, "the fault does nothing"],
  ];
  const problems = rules.filter(([broken]) => broken).map(([, message]) => message);
  if (problems.length > 0) throw new TypeError(`Invalid fault: ${problems.join("; ")}`);
}

export class Faults {
  #rules: Rule[] = [];

  /** What an emulator hands out: no `take` (that is its front door's), and arrows, so they survive destructuring. */
  readonly control: FaultControl = { add: (spec) => this.add(spec), clear: () => this.clear() };

  add(spec: FaultSpec): FaultHandle {
    checkSpec(spec);
    // A global or sticky RegExp keeps `lastIndex` between `test` calls and would skip every other request.
    const pattern =
      spec.pathPattern && new RegExp(spec.pathPattern.source, spec.pathPattern.flags.replace(/[gy]/g, ""));
    const rule: Rule = { spec: { ...spec }, pattern, hits: 0 };
    this.#rules.push(rule);
    return {
      get hits() {
        return rule.hits;
      },
      remove: () => {
        this.#rules = this.#rules.filter((r) => r !== rule);
      },
    };
  }

  clear(): void {
    this.#rules = [];
  }

  /** The first rule matching this request, counted as one hit (and dropped once its `times` are used up). */
  take(method: string, path: string): FaultSpec | undefined {
    const rule = this.#rules.find(
      (r) =>
        (r.spec.method === undefined || r.spec.method.toUpperCase() === method.toUpperCase()) &&
        (r.pattern === undefined || r.pattern.test(path)),
    );
    if (!rule) return undefined;
    rule.hits += 1;
    if (rule.spec.times !== undefined && rule.hits >= rule.spec.times) {
      this.#rules = this.#rules.filter((r) => r !== rule);
    }
    return rule.spec;
  }
}

/** Waits out the fault's latency (cut short by `signal` when the server closes), then says what to do. */
export async function applyFault(
  fault: FaultSpec,
  signal: AbortSignal,
  errorBody: (status: number) => unknown,
): Promise<FaultOutcome> {
  if (fault.latencyMs) await delay(fault.latencyMs, undefined, { signal });
  if (fault.dropConnection) return { kind: "drop" };
  if (fault.status === undefined) return { kind: "pass" };
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers["retry-after"] = String(fault.retryAfterSeconds);
  return {
    kind: "respond",
    response: { status: fault.status, headers, body: fault.body ?? errorBody(fault.status) },
  };
}
