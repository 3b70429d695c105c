/** Small measuring helpers for the benchmarks: timing percentiles and heap deltas (no timing assertions anywhere). */

export interface Timing {
  count: number;
  p50Ms: number;
  p95Ms: number;
  totalMs: number;
}

export function timeEach(count: number, run: () => void): Timing {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { count, p50Ms: at(0.5), p95Ms: at(0.95), totalMs: samples.reduce((a, b) => a + b, 0) };
}

/** Heap used, after a collection when the process runs with --expose-gc (the bench script does). */
export function heapUsedBytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export interface Row {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  /** The target it must meet, as text ("≤ 5"), and whether it does. */
  target?: string;
  met?: boolean;
}

/** Rows of one benchmark, each named by it. */
export function rowsOf(benchmark: string, rows: ReadonlyArray<Omit<Row, "benchmark">>): Row[] {
  return rows.map((row) => ({ benchmark, ...row }));
}

export function atMost(value: number, limit: number): Pick<Row, "target" | "met"> {
  return { target: `≤ ${limit}`, met: value <= limit };
}

export function printTable(rows: readonly Row[]): void {
  const cells = rows.map((r) => [
    r.benchmark,
    r.metric,
    `${Number.isInteger(r.value) ? r.value : r.value.toFixed(3)} ${r.unit}`,
    r.target ?? "",
    r.met === undefined ? "" : r.met ? "met" : "MISSED",
  ]);
  const header = ["benchmark", "metric", "value", "target", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
}
