/**
 * Reading a parsed workflow through the `yaml` Document API, keeping source offsets (https://eemeli.org/yaml/#nodes):
 * every node carries `range = [start, valueEnd, nodeEnd]`, which a LineCounter turns into line and column.
 * Aliases (`*name`) are followed to their anchor, so a finding points at the text that actually says it.
 */
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { Position } from "./finding.js";

export interface Source {
  doc: Document.Parsed;
  lines: LineCounter;
  text: string;
}

export function resolve(source: Source, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(source.doc) ?? undefined;
  return (node as Node | null | undefined) ?? undefined;
}

export function asMap(source: Source, node: unknown): YAMLMap | undefined {
  const resolved = resolve(source, node);
  return isMap(resolved) ? resolved : undefined;
}

export function asSeq(source: Source, node: unknown): YAMLSeq | undefined {
  const resolved = resolve(source, node);
  return isSeq(resolved) ? resolved : undefined;
}

/** A scalar's value as text (numbers and booleans too), or undefined for anything else. */
export function text(source: Source, node: unknown): string | undefined {
  const resolved = resolve(source, node);
  if (!isScalar(resolved) || resolved.value === null || resolved.value === undefined) return undefined;
  return String(resolved.value);
}

export function keyText(source: Source, pair: Pair): string | undefined {
  return text(source, pair.key);
}

export function pairs(source: Source, map: YAMLMap | undefined): Pair[] {
  return (map?.items ?? []).filter(
    (item): item is Pair => isPair(item) && keyText(source, item) !== undefined,
  );
}

export function pairOf(source: Source, map: YAMLMap | undefined, key: string): Pair | undefined {
  return pairs(source, map).find((p) => keyText(source, p) === key);
}

export function valueAt(source: Source, map: YAMLMap | undefined, key: string): Node | undefined {
  return resolve(source, pairOf(source, map, key)?.value);
}

export function position(source: Source, offset: number): Position {
  const { line, col } = source.lines.linePos(offset);
  return { line, column: col };
}

/** Where a node starts and where its value ends (block scalars: not counting the trailing newline). */
export function span(source: Source, node: Node | undefined): { start: Position; end: Position } {
  const [start, valueEnd] = node?.range ?? [0, 0];
  return { start: position(source, start), end: position(source, Math.max(start, valueEnd)) };
}

/** A pair's span from its key to the end of its value. */
export function pairSpan(source: Source, pair: Pair): { start: Position; end: Position } {
  const key = resolve(source, pair.key);
  const value = resolve(source, pair.value);
  const start = key?.range?.[0] ?? 0;
  const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
  return { start: position(source, start), end: position(source, end) };
}
