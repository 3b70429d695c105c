/**
 * Where a config problem is written: the file of the policy chain and the line of its field, so a check run can
 * annotate it there. The `yaml` Document API keeps every node's source offsets (https://eemeli.org/yaml/#nodes),
 * which a LineCounter turns into lines; aliases are followed to their anchor.
 *
 * A field the schema found missing has no line of its own: the problem goes on the deepest part of its path that
 * the file does write (`token` for a missing `token.groups`), or on the first line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { ConfigProblem } from "./config-problem.js";
import { type FileAt, fileLabel } from "./read-repo-file.js";

export interface SourceText {
  at: FileAt;
  text: string;
}

export interface FieldLine {
  line: number;
  /** The whole field was found (not only a parent of it, or the file's first line). */
  exact: boolean;
}

export interface ProblemLocation extends FieldLine {
  at: FileAt;
}

/**
 * The file and line a problem belongs to. A problem names the file it was found in; the schema's problems name
 * the org file even when the value came from a base it extends, so the first file (the org file wins a merge)
 * that writes the whole field is where it is.
 */
export function locateProblem(
  problem: ConfigProblem,
  sources: readonly SourceText[],
): ProblemLocation | undefined {
  const named = sources.filter((s) => fileLabel(s.at) === problem.file);
  const found = [...named, ...sources.filter((s) => !named.includes(s))].map((s) => ({
    at: s.at,
    ...fieldLine(s.text, problem.field),
  }));
  return found.find((f) => f.exact) ?? found[0];
}

export function fieldLine(text: string, field: string): FieldLine {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  if (field === "(file)") {
    const error = doc.errors[0];
    return error ? { line: lineAt(error.pos[0]), exact: true } : { line: 1, exact: false };
  }
  const resolve = (node: unknown): Node | undefined =>
    isAlias(node) ? (node.resolve(doc) ?? undefined) : ((node as Node | null) ?? undefined);
  let node = resolve(doc.contents);
  let line: number | undefined;
  for (const segment of field.split(".")) {
    let start: number | undefined;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      );
      start = (pair?.key as Node | undefined)?.range?.[0];
      next = pair?.value;
    } else if (isSeq(node) && /^\d+$/.test(segment)) {
      next = node.items[Number(segment)];
      start = resolve(next)?.range?.[0];
    }
    if (start === undefined) return { line: line ?? 1, exact: false };
    line = lineAt(start);
    node = resolve(next);
  }
  return { line: line ?? 1, exact: line !== undefined };
}
