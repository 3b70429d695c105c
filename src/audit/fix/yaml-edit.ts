/**
 * The few structural edits the fixes need, on block and flow YAML alike: replace a scalar keeping its quoting,
 * add a pair to a mapping at its indentation, delete a pair's lines. Each returns undefined when the edit cannot be
 * made without touching bytes it should not (the change is then left to a human and listed as such).
 */
import { isMap, isScalar, type Node, type Pair, Scalar, type YAMLMap } from "yaml";
import type { Source } from "../yaml-nodes.js";
import { resolve } from "../yaml-nodes.js";
import { columnOf, type Edit, lineEndOf, lineStartOf, startsItsLine } from "./text-edit.js";

const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9._/@+-]*$/;

/** A value written where a plain scalar stood stays plain when it can, else it is double-quoted (JSON is valid YAML). */
export function scalarText(value: string, style: "plain" | "double" | "single" = "plain"): string {
  if (style === "single") return `'${value.replaceAll("'", "''")}'`;
  if (style === "double" || !PLAIN_SAFE.test(value)) return JSON.stringify(value);
  return value;
}

export function replaceScalar(node: Node, value: string): Edit | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const style =
    node.type === Scalar.QUOTE_DOUBLE ? "double" : node.type === Scalar.QUOTE_SINGLE ? "single" : "plain";
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return undefined;
  return { start, end, text: scalarText(value, style) };
}

export function isFlow(map: YAMLMap): boolean {
  return map.flow === true;
}

/** Where a block map's keys start (column) and one step of indentation deeper than its parent key. */
function keyColumn(source: Source, map: YAMLMap): number | undefined {
  const first = map.items[0] as Pair | undefined;
  const key = resolve(source, first?.key);
  return key?.range ? columnOf(source.text, key.range[0]) : undefined;
}

/** `key: value` lines appended to a mapping (block: after its last line; flow: before its closing brace). */
export function appendPairs(source: Source, map: YAMLMap, lines: readonly string[]): Edit | undefined {
  if (!map.range) return undefined;
  if (isFlow(map)) {
    const close = source.text.lastIndexOf("}", map.range[1]);
    if (close < map.range[0]) return undefined;
    const body = source.text.slice(map.range[0] + 1, close);
    const at = map.range[0] + 1 + body.trimEnd().length;
    // `{}` becomes `{ a: b }`; `{ x: y }` becomes `{ x: y, a: b }` (the space before `}` is already there).
    if (body.trim() === "") return { start: at, end: at, text: ` ${lines.join(", ")} ` };
    const separator = body.trimEnd().endsWith(",") ? " " : ", ";
    return { start: at, end: at, text: `${separator}${lines.join(", ")}` };
  }
  const column = keyColumn(source, map);
  const last = map.items.at(-1) as Pair | undefined;
  // The value as written (an alias's own range, not its anchor's).
  const lastEnd = (last?.value as Node | null)?.range?.[1] ?? resolve(source, last?.key)?.range?.[1];
  if (column === undefined || lastEnd === undefined) return undefined;
  // After the last pair's line (its trailing comment included), before that line's newline.
  const at = lineEndOf(source.text, Math.max(lastEnd - 1, 0));
  const indent = " ".repeat(column);
  return { start: at, end: at, text: lines.map((line) => `\n${indent}${line}`).join("") };
}

/** Lines inserted before a block map's first key, at its indentation (a new key placed first). */
export function prependBlock(source: Source, map: YAMLMap, lines: readonly string[]): Edit | undefined {
  const first = resolve(source, (map.items[0] as Pair | undefined)?.key);
  if (!first?.range || isFlow(map) || !startsItsLine(source.text, first.range[0])) return undefined;
  const column = columnOf(source.text, first.range[0]);
  const at = lineStartOf(source.text, first.range[0]);
  return { start: at, end: at, text: lines.map((line) => `${" ".repeat(column)}${line}\n`).join("") };
}

/** One indentation step of a block map: how much deeper its keys sit than the key that holds it. */
export function indentUnit(source: Source, parentKey: Node | undefined, map: YAMLMap): number {
  const child = keyColumn(source, map);
  const parent = parentKey?.range ? columnOf(source.text, parentKey.range[0]) : undefined;
  return child !== undefined && parent !== undefined && child > parent ? child - parent : 2;
}

/** Deletes the whole lines of a pair of a block map (key on its own line; value and comment up to the line end). */
export function deletePairLines(source: Source, map: YAMLMap, pair: Pair): Edit | undefined {
  const key = resolve(source, pair.key);
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? key?.range?.[1];
  if (isFlow(map) || !key?.range || valueEnd === undefined || !startsItsLine(source.text, key.range[0]))
    return undefined;
  const start = lineStartOf(source.text, key.range[0]);
  const end = lineEndOf(source.text, Math.max(valueEnd - 1, key.range[0]));
  return { start, end: Math.min(end + 1, source.text.length), text: "" };
}

export function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow;
}
