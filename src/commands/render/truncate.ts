/**
 * Keeps a reply well under GitHub's comment limit (65 536 characters) without breaking its markdown: the cut falls
 * on a line boundary, and a code fence or `<details>` block left open by the cut is closed again.
 */
export const MAX_REPLY_CHARS = 30_000;

const NOTE = "\n\n_…output truncated: it was too long for one comment._";

export function truncateReply(body: string, max = MAX_REPLY_CHARS): string {
  if (body.length <= max) return body;
  const room = max - NOTE.length - 200; // closing tags and fences fit in the rest
  const cut = body.lastIndexOf("\n", room);
  const kept = body.slice(0, cut > 0 ? cut : room);
  const lines = kept.split("\n");
  const fences = lines.filter((l) => /^\s{0,3}(```|~~~)/.test(l)).length;
  const opened = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  const closing = [
    ...(fences % 2 === 1 ? ["```"] : []),
    ...Array.from({ length: Math.max(0, opened) }, () => "\n</details>"),
  ];
  return `${kept}${closing.length ? `\n${closing.join("\n")}` : ""}${NOTE}`;
}
