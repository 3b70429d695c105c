/**
 * Byte-exact edits on a workflow's source: every fix is a list of (start, end, text) splices computed from node
 * offsets of the ORIGINAL text, so whatever lies outside the edited nodes (comments, order, quoting, anchors, blank
 * lines) stays byte for byte.
 */

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export class OverlappingEditsError extends Error {}

export function applyEdits(source: string, edits: readonly Edit[]): string {
  // The same node reached twice (an alias) yields the same edit twice: made once.
  const unique = [...new Map(edits.map((e) => [`${e.start}:${e.end}:${e.text}`, e])).values()];
  // Stable: edits at the same offset keep the order they were made in.
  const sorted = unique
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
  let result = "";
  let cursor = 0;
  for (const { edit } of sorted) {
    if (edit.start < cursor) throw new OverlappingEditsError(`edits overlap at offset ${edit.start}`);
    result += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + source.slice(cursor);
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Offset of the newline ending the line that holds `offset` (or the end of the text). */
export function lineEndOf(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end;
}

/** Whether only spaces stand between the start of the line and `offset`. */
export function startsItsLine(text: string, offset: number): boolean {
  return text.slice(lineStartOf(text, offset), offset).trim() === "";
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}
